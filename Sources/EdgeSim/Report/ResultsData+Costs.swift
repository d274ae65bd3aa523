import Foundation

extension ResultsData {
    /// One row of costs.csv: a line item of one run's monthly bill.
    public struct CostItem: Sendable, Hashable {
        public var arm: String
        public var repetition: Int
        /// What is priced: `store_servers`, `cloud_gpus`, `transfer`, `egress`, ...
        public var component: String
        /// Where: a tier (`store`), a direction (`store->region`), a circuit
        /// step (`100Mbps`) or an egress tier (`tier-2`).
        public var tier: String
        /// Nodes, sites or circuits (time-average GPUs); nil for traffic.
        public var count: Decimal?
        /// What one unit is: `node_hour`, `site_month`, `circuit_month`, `gpu_hour`, `GB`.
        public var unit: String
        public var unitPriceUSD: Decimal
        /// Units per billing month.
        public var quantity: Decimal
        public var usdMonth: Decimal
        /// The scenario key the unit price comes from.
        public var priceKey: String
    }

    /// One row of breakeven.csv: the price of one key at which the two arms'
    /// mean monthly totals are equal, the other prices as they are.
    public struct Breakeven: Sendable, Hashable {
        public var priceKey: String
        /// The price the results were priced at.
        public var priceUSD: Decimal
        public var edgeHybridUSDMonth: Decimal
        public var cloudOnlyUSDMonth: Decimal
        public var breakevenPriceUSD: Decimal
        /// `below`, `above`, `never` or `always`: where edge_hybrid costs less.
        public var edgeHybridCheaperWhen: String
    }

    static let costsHeader = ["scenario", "arm", "repetition", "component", "tier", "count", "unit", "unit_price_usd",
                              "quantity", "usd_month", "price_key"]
    static let breakevenHeader = ["scenario", "price_key", "price_usd", "edge_hybrid_usd_month", "cloud_only_usd_month",
                                  "breakeven_price_usd", "edge_hybrid_cheaper_when"]

    /// Reads costs.csv and breakeven.csv of `folder` when they are there:
    /// results of worlds that price nothing, and older folders, have none.
    ///
    /// - Throws: ``ReportError`` for a file that is there but malformed.
    mutating func loadCosts(folder: String) throws(ReportError) {
        let fm = FileManager.default
        if fm.fileExists(atPath: Self.path(folder, "costs.csv")) {
            let table = try Self.table(folder, "costs.csv", header: Self.costsHeader)
            costItems = []
            for r in table.rows {
                let count = r.fields[5].isEmpty ? nil : try r.decimal(5, "count")
                costItems.append(CostItem(
                    arm: r.fields[1], repetition: try r.int(2, "repetition"), component: r.fields[3], tier: r.fields[4],
                    count: count, unit: r.fields[6], unitPriceUSD: try r.decimal(7, "unit_price_usd"),
                    quantity: try r.decimal(8, "quantity"), usdMonth: try r.decimal(9, "usd_month"), priceKey: r.fields[10]))
            }
        }
        if fm.fileExists(atPath: Self.path(folder, "breakeven.csv")) {
            let table = try Self.table(folder, "breakeven.csv", header: Self.breakevenHeader)
            breakevens = []
            for r in table.rows {
                breakevens.append(Breakeven(
                    priceKey: r.fields[1], priceUSD: try r.decimal(2, "price_usd"),
                    edgeHybridUSDMonth: try r.decimal(3, "edge_hybrid_usd_month"),
                    cloudOnlyUSDMonth: try r.decimal(4, "cloud_only_usd_month"),
                    breakevenPriceUSD: try r.decimal(5, "breakeven_price_usd"), edgeHybridCheaperWhen: r.fields[6]))
            }
        }
    }
}

extension ResultsData.Table.Row {
    /// An exact decimal, as the bill's files write money and quantities.
    func decimal(_ i: Int, _ column: String) throws(ReportError) -> Decimal {
        guard let x = Decimal(string: fields[i], locale: Locale(identifier: "en_US_POSIX")),
              fields[i].allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "e" || $0 == "E" || $0 == "+" }) else {
            throw ReportError(.malformedFile, "\(file):\(line): \(column) \"\(fields[i])\" is not a number")
        }
        return x
    }
}
