import SimKernel

extension RetailWorld {
    /// Draws and times clamped to keep the run's arithmetic in range (see
    /// ``RandomStream/clampedDraws``): the workload's streams and the network's.
    var clampedDraws: Int {
        let streams = purchaseStreams + restockStreams + frameStreams + inferenceStreams.compactMap { $0 }
        return streams.reduce(network.clampedDraws) { $0 + $1.clampedDraws }
    }
}
