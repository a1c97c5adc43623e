using System.Net;
using System.Net.Sockets;

namespace PlanFunctions.Cli.Engine;

/// <summary>Finds free TCP ports on the loopback interface, so that two embedded engines at once do not clash.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port that was free a moment ago: the system picks it, and it is released for the silo to take.</summary>
    public static int FindFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
