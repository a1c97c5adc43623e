using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace PlanFunctions.Host.Tests.Viewer;

/// <summary>
/// Headless Chromium from the system's packages (<c>chromium</c> and <c>chromium-driver</c>, which eng/test.sh installs
/// where missing), driven through its chromedriver: no browser is downloaded, and the browser reaches nothing but the
/// loopback hosts the tests start.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly string _profile;

    private Browser(ChromeDriver driver, string profile)
    {
        Driver = driver;
        _profile = profile;
    }

    public ChromeDriver Driver { get; }

    public static Browser Start()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(DriverPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need {ChromiumPath} and {DriverPath}: install Debian's chromium and chromium-driver packages (eng/test.sh does).");
        }

        var profile = Directory.CreateTempSubdirectory("planfunctions-chromium-").FullName;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1440,1180",
            "--force-device-scale-factor=1", $"--user-data-dir={profile}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new Browser(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)), profile);
    }

    /// <summary>Waits until <paramref name="probe"/> answers something other than null, reading the page as it is.</summary>
    public T Until<T>(Func<IWebDriver, T?> probe, string because, TimeSpan? timeout = null)
        where T : class
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var deadline = DateTime.UtcNow + limit;
        Exception? last = null;
        while (true)
        {
            try
            {
                if (probe(Driver) is { } result)
                {
                    return result;
                }
            }
            catch (Exception e) when (e is NoSuchElementException or StaleElementReferenceException)
            {
                last = e;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{because} within {limit.TotalSeconds:0} s (page: {Driver.Url}; last: {last?.Message ?? "no match"})");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>The status the graph shows for a step, or null while it is not drawn.</summary>
    public string? StepStatus(string stepId) =>
        Driver.FindElements(By.CssSelector($"#graph g.step[data-step-id='{stepId}']")).SingleOrDefault()?.GetDomAttribute("data-status");

    /// <summary>Waits until the graph shows <paramref name="stepId"/> with <paramref name="status"/>.</summary>
    public void UntilStep(string stepId, string status) =>
        Until(_ => StepStatus(stepId) == status ? "ok" : null, $"step {stepId} was not shown {status} (it is {StepStatus(stepId) ?? "not drawn"})");

    /// <summary>Waits until the run's badge shows <paramref name="status"/>.</summary>
    public void UntilRunStatus(string status) =>
        Until(d => d.FindElement(By.Id("run-status")).Text == status ? "ok" : null, $"the run was not shown {status}");

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be letting go of its profile; it is a temporary directory.
        }
    }
}
