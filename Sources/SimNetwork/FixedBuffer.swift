/// A fixed-size table of plain values with in-place element access and no
/// copy-on-write checks: the per-hop state of the network lives in these.
///
/// Reference semantics: copies of the owner share the table. ``Network`` is
/// only ever mutated through one handle at a time (the run loop's), and its
/// documentation says that a copy is a second handle to the same links.
/// Indices are checked in debug builds only.
@usableFromInline
final class FixedBuffer<Element> {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    @usableFromInline let count: Int

    init(repeating value: Element, count: Int) {
        self.count = count
        // Cache-line aligned, so that 64-byte elements never straddle two lines.
        base = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<Element>.stride, alignment: 64)
            .bindMemory(to: Element.self, capacity: max(1, count))
        base.initialize(repeating: value, count: count)
    }

    init(_ elements: [Element]) {
        count = elements.count
        base = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<Element>.stride, alignment: 64)
            .bindMemory(to: Element.self, capacity: max(1, count))
        elements.withUnsafeBufferPointer { source in
            if let s = source.baseAddress { base.initialize(from: s, count: count) }
        }
    }

    deinit {
        base.deinitialize(count: count)
        UnsafeMutableRawPointer(base).deallocate()
    }

    @inlinable
    subscript(i: Int) -> Element {
        unsafeAddress {
            assert(i >= 0 && i < count, "index \(i) out of 0..<\(count)")
            return UnsafePointer(base + i)
        }
        unsafeMutableAddress {
            assert(i >= 0 && i < count, "index \(i) out of 0..<\(count)")
            return base + i
        }
    }
}
