/// An amount of compute: CPU in millicores, memory in MiB, whole GPUs.
///
/// Used for a node's capacity and allocation and for a workload's request.
/// All integers, so that allocation sums are exact.
public struct Resources: Hashable, Sendable, CustomStringConvertible {
    /// CPU in thousandths of a core (1000 = one core), as Kubernetes counts it.
    public var milliCPU: Int64
    /// Memory in MiB.
    public var memoryMiB: Int64
    /// Whole GPUs (GPUs are not shared between workloads).
    public var gpus: Int64

    /// `milliCPU` millicores, `memoryMiB` MiB and `gpus` GPUs.
    @inlinable
    public init(milliCPU: Int64, memoryMiB: Int64, gpus: Int64 = 0) {
        self.milliCPU = milliCPU
        self.memoryMiB = memoryMiB
        self.gpus = gpus
    }

    /// Nothing at all.
    public static let zero = Resources(milliCPU: 0, memoryMiB: 0, gpus: 0)

    /// Component-wise sum.
    @inlinable
    public static func + (a: Resources, b: Resources) -> Resources {
        Resources(milliCPU: a.milliCPU + b.milliCPU, memoryMiB: a.memoryMiB + b.memoryMiB, gpus: a.gpus + b.gpus)
    }

    /// Component-wise difference.
    @inlinable
    public static func - (a: Resources, b: Resources) -> Resources {
        Resources(milliCPU: a.milliCPU - b.milliCPU, memoryMiB: a.memoryMiB - b.memoryMiB, gpus: a.gpus - b.gpus)
    }

    /// Adds `b` to `a`, component-wise.
    @inlinable public static func += (a: inout Resources, b: Resources) { a = a + b }
    /// Subtracts `b` from `a`, component-wise.
    @inlinable public static func -= (a: inout Resources, b: Resources) { a = a - b }

    /// Whether every component is at most the same component of `other`.
    @inlinable
    public func isWithin(_ other: Resources) -> Bool {
        milliCPU <= other.milliCPU && memoryMiB <= other.memoryMiB && gpus <= other.gpus
    }

    /// Whether no component is negative.
    @inlinable public var isNonNegative: Bool { milliCPU >= 0 && memoryMiB >= 0 && gpus >= 0 }

    /// For example "750m cpu, 1024Mi memory, 0 gpu".
    public var description: String { "\(milliCPU)m cpu, \(memoryMiB)Mi memory, \(gpus) gpu" }
}
