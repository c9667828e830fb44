namespace Registers.Bench.Server;

/// <summary>
/// What to undo when the run is interrupted (Ctrl+C, SIGTERM): servers to stop, clusters to stop, folders to
/// delete, newest first, so that an interrupted run leaves no process of its own behind.
/// </summary>
internal static class Interruption
{
    private static readonly List<Action> Undos = [];

    static Interruption()
    {
        Console.CancelKeyPress += (_, _) => UndoAll();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => UndoAll();
    }

    /// <summary>Runs <paramref name="undo"/> if the run is interrupted before the returned registration is disposed.</summary>
    public static IDisposable OnInterrupt(Action undo)
    {
        lock (Undos)
        {
            Undos.Add(undo);
        }

        return new Registration(undo);
    }

    private static void UndoAll()
    {
        Action[] undos;
        lock (Undos)
        {
            undos = [.. Undos];
            Undos.Clear();
        }

        foreach (var undo in undos.Reverse())
        {
            try
            {
                undo();
            }
            catch (Exception failure) when (failure is InvalidOperationException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
            {
                Console.Error.WriteLine($"cleaning up after the interruption: {failure.Message}");
            }
        }
    }

    private sealed class Registration(Action undo) : IDisposable
    {
        public void Dispose()
        {
            lock (Undos)
            {
                Undos.Remove(undo);
            }
        }
    }
}
