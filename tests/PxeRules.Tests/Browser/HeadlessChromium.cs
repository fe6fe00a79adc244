using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace PxeRules.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol on a WebSocket: open a page, read its DOM with
/// script the test sends, record every request it makes and every error it reports, print and take screenshots.
/// One browser per instance, in its own profile folder; disposing it ends the process.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>Generous: a busy two-core machine starts Chromium in seconds, not minutes.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly Process process;
    private readonly string profile;
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> pending = new();
    private readonly CancellationTokenSource stop = new();
    private readonly List<string> requests = new();
    private readonly List<string> errors = new();
    private readonly object gate = new();
    private TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? reader;
    private int next;

    private HeadlessChromium(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
    }

    /// <summary>The URLs of every request the page made, the document itself included.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (gate) return requests.ToArray();
        }
    }

    /// <summary>Uncaught script errors, console errors and the browser's own error reports (a refused load among them).</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (gate) return errors.ToArray();
        }
    }

    /// <summary>Chromium's path, or null when it is not installed.</summary>
    public static string? Executable { get; } = Find();

    /// <summary>
    /// Why a browser test cannot run here, or null when it can. When <c>PXERULES_BROWSER_TESTS=required</c> (CI sets it
    /// after installing Chromium) a missing browser is a failure, not a skip.
    /// </summary>
    public static string? Unavailable =>
        Executable is not null || string.Equals(Environment.GetEnvironmentVariable("PXERULES_BROWSER_TESTS"), "required", StringComparison.OrdinalIgnoreCase)
            ? null
            : "Chromium is not installed (apt-get install chromium, or set PXERULES_CHROMIUM); .ci/run installs it and requires these tests.";

    public static async Task<HeadlessChromium> StartAsync(int width = 1280, int height = 900)
    {
        var executable = Executable ?? throw new InvalidOperationException("PXERULES_BROWSER_TESTS=required, but Chromium was not found: install Debian's chromium or set PXERULES_CHROMIUM.");
        var profile = Directory.CreateTempSubdirectory("pxerules-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-sync", "--disable-component-update", "--mute-audio",
            "--hide-scrollbars", "--remote-debugging-port=0", $"--user-data-dir={profile}", $"--window-size={width},{height}", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
        var browser = new HeadlessChromium(process, profile);
        try
        {
            var endpoint = await browser.ReadEndpointAsync();
            await browser.ConnectAsync(endpoint, width, height);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/> and waits for its load event.</summary>
    public async Task OpenAsync(string path)
    {
        loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var url = new Uri(Path.GetFullPath(path)).AbsoluteUri;
        var answer = await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        if (answer["errorText"] is { } error) throw new InvalidOperationException($"Chromium could not open {url}: {error}");
        await loaded.Task.WaitAsync(Patience);
    }

    /// <summary>Runs <paramref name="expression"/> in the page and returns its value (JSON-serialisable values only).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var answer = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (answer["exceptionDetails"] is { } exception) throw new InvalidOperationException($"The page threw evaluating {expression}: {exception.ToJsonString()}");
        return answer["result"]?["value"]?.DeepClone();
    }

    public async Task<T> EvaluateAsync<T>(string expression) =>
        (await EvaluateAsync(expression) ?? throw new InvalidOperationException($"{expression} gave no value.")).GetValue<T>();

    /// <summary>A PNG of the page: the viewport, or the whole page when <paramref name="fullPage"/> is set.</summary>
    public async Task<byte[]> ScreenshotAsync(bool fullPage = false)
    {
        var parameters = new JsonObject { ["format"] = "png" };
        if (fullPage) parameters["captureBeyondViewport"] = true;
        var answer = await SendAsync("Page.captureScreenshot", parameters);
        return Convert.FromBase64String((string)answer["data"]!);
    }

    /// <summary>The page printed to PDF, as the browser's print would lay it out.</summary>
    public async Task<byte[]> PrintAsync()
    {
        var answer = await SendAsync("Page.printToPDF", new JsonObject { ["printBackground"] = true });
        return Convert.FromBase64String((string)answer["data"]!);
    }

    /// <summary>Styles the page as for <c>print</c> or <c>screen</c>.</summary>
    public Task EmulateMediaAsync(string media) => SendAsync("Emulation.setEmulatedMedia", new JsonObject { ["media"] = media });

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var close = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, close.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The browser is ended below either way.
        }

        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Already gone.
        }

        if (reader is not null) await Task.WhenAny(reader, Task.Delay(TimeSpan.FromSeconds(5)));
        socket.Dispose();
        process.Dispose();
        stop.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // A file Chromium still held; the temporary folder is cleaned by the system.
        }
    }

    private static string? Find()
    {
        var given = Environment.GetEnvironmentVariable("PXERULES_CHROMIUM");
        if (!string.IsNullOrEmpty(given)) return File.Exists(given) ? given : null;
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" })
        {
            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate)) return candidate;
            }
        }

        return null;
    }

    /// <summary>Chromium prints "DevTools listening on ws://…" on standard error once it is ready.</summary>
    private async Task<Uri> ReadEndpointAsync()
    {
        _ = process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Patience);
        var seen = new StringBuilder();
        while (true)
        {
            var line = await process.StandardError.ReadLineAsync(limit.Token)
                ?? throw new InvalidOperationException("Chromium ended before it listened for DevTools:\n" + seen);
            seen.AppendLine(line);
            const string marker = "DevTools listening on ";
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                _ = DrainAsync(process.StandardError);
                return new Uri(line.Substring(at + marker.Length).Trim());
            }
        }
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync() is not null)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process ended.
        }
    }

    /// <summary>Connects to the browser, opens a page target and attaches to it (flat sessions).</summary>
    private async Task ConnectAsync(Uri browserEndpoint, int width, int height)
    {
        using var limit = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(browserEndpoint, limit.Token);
        reader = Task.Run(ReadAsync);
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, session: null);
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = (string)target["targetId"]!, ["flatten"] = true }, session: null);
        Session = (string)attached["sessionId"]!;
        foreach (var domain in new[] { "Page.enable", "Runtime.enable", "Network.enable", "Log.enable" }) await SendAsync(domain, new JsonObject());
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
    }

    private string? Session { get; set; }

    private Task<JsonObject> SendAsync(string method, JsonObject parameters) => SendAsync(method, parameters, Session);

    private async Task<JsonObject> SendAsync(string method, JsonObject parameters, string? session)
    {
        var id = Interlocked.Increment(ref next);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null) message["sessionId"] = session;
        var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        using (var limit = new CancellationTokenSource(Patience))
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, limit.Token);
        }

        var reply = await answer.Task.WaitAsync(Patience);
        if (reply["error"] is { } error) throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        return reply["result"] as JsonObject ?? new JsonObject();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var part = await socket.ReceiveAsync(buffer, stop.Token);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                var node = JsonNode.Parse(message.ToArray()) as JsonObject;
                message.SetLength(0);
                if (node is not null) Dispatch(node);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException)
        {
            // The browser went away or was ended.
        }
        finally
        {
            foreach (var waiting in pending.Values) waiting.TrySetException(new InvalidOperationException("Chromium closed the DevTools connection."));
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private void Dispatch(JsonObject node)
    {
        if (node["id"] is { } id)
        {
            if (pending.TryRemove(id.GetValue<int>(), out var waiting)) waiting.TrySetResult(node);
            return;
        }

        var parameters = node["params"];
        var level = Text(parameters?["type"]) ?? Text(parameters?["entry"]?["level"]);
        switch ((string?)node["method"])
        {
            case "Page.loadEventFired":
                loaded.TrySetResult();
                break;
            case "Network.requestWillBeSent":
                lock (gate) requests.Add((string?)parameters?["request"]?["url"] ?? "?");
                break;
            case "Runtime.exceptionThrown":
                lock (gate) errors.Add("exception: " + parameters?["exceptionDetails"]?.ToJsonString());
                break;
            case "Runtime.consoleAPICalled" when level == "error":
                lock (gate) errors.Add("console: " + parameters?["args"]?.ToJsonString());
                break;
            case "Log.entryAdded" when level == "error":
                lock (gate) errors.Add("log: " + (string?)parameters?["entry"]?["text"]);
                break;
        }
    }
}

/// <summary>A test that needs Chromium: skipped with the reason where it is not installed, unless CI requires it.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (HeadlessChromium.Unavailable is { } reason) Skip = reason;
    }
}
