/// A workload whose members are named (a monitoring export's VMs), so that an inventory's VM can
/// be matched to its own series by name: member k drives the VM named `memberNames[k]`.
public protocol NamedMembers: AnyObject {
    /// The members' names, in member order.
    var memberNames: [String] { get }
}

/// A monitoring export's VMs, by name (`vm_groups[].monitoring` of an inventory import).
extension CSVTimeSeriesTrace: NamedMembers {}
