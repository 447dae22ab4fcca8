using System.Runtime.ExceptionServices;

namespace EvmCluster.Evm.Tests.Interpreter;

/// <summary>Runs work on a thread with a 64 MiB stack, as the recursive interpreter needs for deep call chains.</summary>
public static class LargeStackThread
{
    public const int StackSize = 64 * 1024 * 1024;

    public static T Run<T>(Func<T> body)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = body();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, StackSize);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
