using System.Runtime.InteropServices;
using SharpFuzz;
using Trace = SharpFuzz.Common.Trace;

namespace BootRoute.Fuzz;

/// <summary>
/// <c>BootRoute.Fuzz TARGET</c>: the AFL++ harness (afl-fuzz … -- dotnet BootRoute.Fuzz.dll TARGET);
/// <c>BootRoute.Fuzz TARGET FILE…</c>: runs the target once per file, to reproduce a crash outside AFL++;
/// <c>BootRoute.Fuzz TARGET --seeds DIR</c>: writes the target's built-in starting inputs (<see cref="Seeds"/>) into DIR.
/// </summary>
internal static class Program
{
    /// <summary>The size of AFL++'s coverage map, which SharpFuzz's instrumentation indexes into.</summary>
    private const int MapSize = 1 << 16;

    private static unsafe int Main(string[] args)
    {
        // Instrumented code writes coverage to Trace.SharedMem, which only Fuzzer.OutOfProcess.Run
        // points at AFL++'s map; anything instrumented that runs before it, or without AFL++ (the seeds,
        // a replay), writes into this scratch map instead of dereferencing null.
        Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(MapSize);
        if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: BootRoute.Fuzz TARGET [FILE…]; targets: {string.Join(' ', Targets.All.Keys)}");
            return 2;
        }
        if (args is [_, "--seeds", string directory])
        {
            foreach (var (name, content) in Seeds.For(args[0]))
            {
                File.WriteAllBytes(Path.Combine(directory, name), content);
            }
            return 0;
        }
        if (args.Length > 1)
        {
            foreach (string file in args[1..])
            {
                target(File.ReadAllBytes(file));
                Console.WriteLine($"{file}: ok");
            }
            return 0;
        }
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target(buffer.ToArray());
        });
        return 0;
    }
}
