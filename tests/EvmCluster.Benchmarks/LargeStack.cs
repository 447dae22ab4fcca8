using EvmCluster.Execution.Threading;

namespace EvmCluster.Benchmarks;

internal static class LargeStack
{
    public static T Run<T>(Func<T> body) => LargeStackThreads.RunOne(body);
}
