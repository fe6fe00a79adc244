using System;
using System.Collections;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using PxeRules.Evaluation;

namespace PxeRules.Extensions.Hosting;

/// <summary>
/// Logs what <see cref="IEngineListener"/> hears: probe failures, timeouts, values over the limit and regular
/// expressions that timed out as warnings, slow probe calls as information. Each has its own <see cref="EventId"/>
/// (1 to 6, named after <see cref="EngineEventKind"/>) and the fields <c>Kind</c>, <c>Machine</c> and <c>Message</c>;
/// text from machines is escaped so a log line stays one line of plain text. Thread-safe.
/// </summary>
public sealed class LoggingEngineListener : IEngineListener
{
    private readonly ILogger logger;

    /// <summary>Logs to <paramref name="logger"/>.</summary>
    public LoggingEngineListener(ILogger logger) => this.logger = logger ?? throw new ArgumentNullException(nameof(logger));

    /// <summary>The level an event is logged at.</summary>
    public static LogLevel LevelOf(EngineEventKind kind) => kind == EngineEventKind.ProbeSlow ? LogLevel.Information : LogLevel.Warning;

    /// <inheritdoc />
    public void OnEvent(EngineEvent engineEvent)
    {
        if (engineEvent is null) throw new ArgumentNullException(nameof(engineEvent));
        var level = LevelOf(engineEvent.Kind);
        if (!logger.IsEnabled(level)) return;
        var id = new EventId((int)engineEvent.Kind + 1, engineEvent.Kind.ToString());
        var machine = DisplayText.Escape(engineEvent.Call?.Machine.Name ?? "(evaluation)");
        var message = DisplayText.Escape(engineEvent.Message);
        logger.Log(level, id, new LogState(engineEvent.Kind.ToString(), machine, message), null, static (state, _) => state.ToString());
    }

    private sealed class LogState : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] fields;

        public LogState(string kind, string machine, string message)
        {
            fields = new[]
            {
                new KeyValuePair<string, object?>("Kind", kind),
                new KeyValuePair<string, object?>("Machine", machine),
                new KeyValuePair<string, object?>("Message", message),
                new KeyValuePair<string, object?>("{OriginalFormat}", "PxeRules {Kind} on {Machine}: {Message}"),
            };
        }

        public int Count => fields.Length;

        public KeyValuePair<string, object?> this[int index] => fields[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)fields).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => fields.GetEnumerator();

        public override string ToString() => $"PxeRules {fields[0].Value} on {fields[1].Value}: {fields[2].Value}";
    }
}
