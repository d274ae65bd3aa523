extension Array {
    /// The index of the first element for which `isInSecondPart` holds, in
    /// an array partitioned by it (false for a prefix, true for the rest),
    /// or `count` if it holds for none: a lower bound by binary search.
    ///
    /// - Complexity: O(log n).
    @usableFromInline
    func partitioningIndex(where isInSecondPart: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if isInSecondPart(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

extension Array where Element: Comparable {
    /// The index of `element` in this sorted array, if present.
    ///
    /// - Complexity: O(log n).
    func sortedIndex(of element: Element) -> Int? {
        let i = partitioningIndex { $0 >= element }
        return i < count && self[i] == element ? i : nil
    }
}
