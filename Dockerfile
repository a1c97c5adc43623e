# syntax=docker/dockerfile:1
# The PlanFunctions host: ASP.NET Core with the Orleans silo in one process. Build from the repository's root:
#   docker build -t planfunctions-host .
# docs/deploy.md tells how to run it and what every setting does.

# ---- build: restore with the central package versions, then publish the host ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# The project files first, so that the restore layer is reused while only code changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/PlanFunctions.Core/PlanFunctions.Core.csproj src/PlanFunctions.Core/
COPY src/PlanFunctions.Client/PlanFunctions.Client.csproj src/PlanFunctions.Client/
COPY src/PlanFunctions.Tools/PlanFunctions.Tools.csproj src/PlanFunctions.Tools/
COPY src/PlanFunctions.Runtime/PlanFunctions.Runtime.csproj src/PlanFunctions.Runtime/
COPY src/PlanFunctions.Viewer/PlanFunctions.Viewer.csproj src/PlanFunctions.Viewer/
COPY src/PlanFunctions.Host/PlanFunctions.Host.csproj src/PlanFunctions.Host/
RUN dotnet restore src/PlanFunctions.Host/PlanFunctions.Host.csproj

COPY src/ src/
RUN dotnet publish src/PlanFunctions.Host/PlanFunctions.Host.csproj \
      --configuration Release --no-restore --output /app -p:UseAppHost=false

# ---- final: the ASP.NET Core runtime only, run as the image's non-root user ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app ./

# The host listens on loopback:7071 unless told otherwise (as Functions Core Tools); in a container it must listen
# on every interface. ASPNETCORE_HTTP_PORTS is emptied so that only ASPNETCORE_URLS decides.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    PlanFunctions__Silo__SiloPort=11111 \
    PlanFunctions__Silo__GatewayPort=30000

# HTTP API, Orleans silo-to-silo, Orleans gateway (clients).
EXPOSE 8080 11111 30000

# The app user (uid $APP_UID) comes with the aspnet image.
USER $APP_UID

# The image has neither curl nor wget: bash's /dev/tcp asks GET /api/health on the port of ASPNETCORE_URLS (its last
# URL) and the check passes on a 200. Orchestrators with their own probes (Container Apps, Kubernetes) use those.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "port=\"${ASPNETCORE_URLS##*:}\"; port=\"${port%%/*}\"; exec 3<>\"/dev/tcp/127.0.0.1/${port}\" && printf 'GET /api/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# Exec form: dotnet is PID 1 and gets SIGTERM, so the silo leaves the cluster gracefully on stop.
ENTRYPOINT ["dotnet", "PlanFunctions.Host.dll"]
