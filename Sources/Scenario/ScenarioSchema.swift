/// The keys the scenario format defines, section by section, in the order
/// `Scenarios/README.md` documents them.
enum ScenarioSchema {
    static let topLevel = [
        "name", "description", "duration", "warmup", "seed", "repetitions", "replications", "arms", "sla",
        "timeseries_bucket", "topology", "workload", "costs", "deployment", "faults", "replication", "scheduling",
    ]
    /// Old spellings still read (with a warning), and their new names:
    /// never offered as "did you mean".
    static let renamed = ["replications": "repetitions", "reorder": "ordering"]
    static let topology = ["regions", "stores_per_region", "cameras_per_store", "cloud_nodes", "servers_per_store", "links",
                           "extra_links"]
    static let links = ["device_store", "store_region", "region_cloud"]
    static let linkSettings = ["latency", "latency_up", "latency_down", "bandwidth", "loss", "queue_limit", "discipline",
                               "ordering", "reorder"]
    static let extraLink = ["kind", "a", "b"] + linkSettings
    static let workload = ["kind"] + retailWorkload + keyValueWorkload
    static let retailWorkload = [
        "skus_per_store", "shelf_capacity", "stockout_threshold", "purchases_per_sku", "restock_delay",
        "frame_interval", "frame_size", "detection_size", "alert_size", "inference_site", "inference_time",
        "inference_slots", "upload_interval", "outbox_limit", "durable", "store_feedback", "consumers",
    ]
    /// The tiers whose crash behaviour `workload.durable` sets.
    static let durableTiers = ["store", "region"]
    static let keyValueWorkload = [
        "mode", "replicas", "writers", "readers", "probe_delays", "probes", "probe_interval", "probe_start",
        "keys_per_store", "write_rate",
    ]
    /// The key-value keys of each mode.
    static let probeOnly = ["replicas", "readers", "probe_delays", "probes", "probe_interval", "probe_start"]
    static let loadOnly = ["keys_per_store", "write_rate"]
    /// The tiers inference may run on, under `inference_time` and `inference_slots`.
    static let inferenceTiers = ["device", "store", "cloud"]
    static let costs = [
        "hours_per_month", "transfer", "cloud_egress", "store_server", "region_aggregator", "cloud_gpu",
        "cloud_service", "store_site", "region_site", "cloud_gpu_target_utilization",
    ]
    static let transfer = ["from", "to", "price"]
    static let cloudEgress = ["directions", "free", "tiers"]
    static let direction = ["from", "to"]
    static let priceTier = ["up_to", "price"]

    /// Fault keys by kind; `at`, `duration` and `kind` are common to all but
    /// clock settings, which take no duration.
    static let faultKinds: [(kind: String, keys: [String])] = [
        ("cut", ["at", "duration", "kind", "link"]),
        ("partition", ["at", "duration", "kind", "a", "b"]),
        ("crash", ["at", "duration", "kind", "node"]),
        ("degrade", ["at", "duration", "kind", "link", "latency_factor", "bandwidth_factor", "extra_loss"]),
        ("clock", ["at", "kind", "node", "offset", "drift_ppm"]),
    ]
    /// Every key a fault of some kind may have.
    static let faultKeys = [
        "at", "duration", "kind", "link", "a", "b", "node", "latency_factor", "bandwidth_factor", "extra_loss",
        "offset", "drift_ppm",
    ]

    /// Sections whose keys are distinctive enough to point a misplaced key home.
    private static let homes: [(path: String, keys: [String])] = [
        ("", topLevel), ("topology", topology), ("topology.links", links), ("workload", workload), ("costs", costs),
    ]

    /// Where a key belongs when it is written in the wrong section.
    static func home(ofKey key: String) -> String? {
        homes.first { $0.keys.contains(key) }?.path
    }
}
