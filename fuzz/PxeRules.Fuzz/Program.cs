using System;
using System.IO;
using SharpFuzz;

namespace PxeRules.Fuzz;

/// <summary>
/// <c>PxeRules.Fuzz rules|snapshot</c> runs under afl-fuzz (see docs/fuzzing.md);
/// <c>PxeRules.Fuzz rules|snapshot FILE...</c> replays inputs, such as afl-fuzz's crashes, without it.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("rules" or "snapshot"))
        {
            Console.Error.WriteLine("usage: PxeRules.Fuzz rules|snapshot [FILE...]");
            return 2;
        }

        var target = args[0];
        if (args.Length == 1)
        {
            // Instrumented code may run only inside the callback, once SharpFuzz has set up afl-fuzz's shared memory.
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                Targets.Run(target, buffer.ToArray());
            });
            return 0;
        }

        var failed = 0;
        for (var i = 1; i < args.Length; i++)
        {
            try
            {
                Targets.Run(target, File.ReadAllBytes(args[i]));
                Console.WriteLine($"{args[i]}: ok");
            }
            catch (Exception ex)
            {
                failed++;
                Console.WriteLine($"{args[i]}: {ex}");
            }
        }

        return failed == 0 ? 0 : 1;
    }
}
