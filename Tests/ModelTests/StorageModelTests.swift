import Testing
@testable import DatacenterModel

@Suite("Storage models")
struct StorageModelTests {
    let tier = StorageTier(name: "sas", pricePerGB: 0.5)
    func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    @Test("thick vs thin: 10 VMs × 100 GB at 40% used allocate 1000 GB thick, 400 GB thin")
    func thinVsThick() {
        let ds = Datastore(name: "ds", tier: tier)
        let thick = ds.usage(of: [VMStorageGroup(name: "g", count: 10, diskGB: 100, provisioning: .thick, swapFiles: false)], atDay: 0)
        let thin = ds.usage(
            of: [
                VMStorageGroup(
                    name: "g", count: 10, diskGB: 100,
                    provisioning: .thin(initialUsedFraction: 0.4, growthPerDay: 0), swapFiles: false)
            ], atDay: 0)
        #expect(thick.provisionedGB == 10 * 100 && thin.provisionedGB == 10 * 100)
        #expect(thick.allocatedGB == 10 * 100 && thick.physicalGB == 1000)
        #expect(near(thin.allocatedGB, 10 * 100 * 0.4) && near(thin.physicalGB, 400))
        #expect(near(1 - thin.physicalGB / thick.physicalGB, 0.6), "60% saved")
        #expect(near(thin.purchaseCost, 400 * 0.5))
    }

    @Test("thin disks grow linearly with time, up to the provisioned size")
    func thinGrowth() {
        let g = VMStorageGroup(name: "g", count: 10, diskGB: 100, provisioning: .thin(initialUsedFraction: 0.4, growthPerDay: 0.01))
        #expect(near(g.allocatedDiskGBPerVM(atDay: 30), 100 * (0.4 + 0.01 * 30)))  // 70 GB
        #expect(g.allocatedDiskGBPerVM(atDay: 100) == 100)  // capped at 100%
    }

    @Test("a linked-clone pool: one replica per datastore plus growing deltas")
    func linkedClones() {
        // 100 desktops of 20 GB from one 20 GB parent image; deltas start at 1 GB and grow 0.2 GB a day.
        let clones = DiskProvisioning.linkedClone(parentImage: "win7", replicaGB: 20, initialDeltaGB: 1, deltaGrowthGBPerDay: 0.2)
        let pool = VMStorageGroup(name: "vdi", count: 100, diskGB: 20, provisioning: clones, swapFiles: false)
        let ds = Datastore(name: "ds", tier: tier)
        let u = ds.usage(of: [pool], atDay: 10)
        #expect(u.replicaGB == 20)
        #expect(near(u.deltaGB, 100 * (1 + 0.2 * 10)))  // 300 GB
        #expect(near(u.allocatedGB, 20 + 300) && near(u.physicalGB, 320))
        #expect(near(1 - u.physicalGB / (100 * 20), 0.84), "84% below full clones (B4: 50–90%)")
        // Two pools of the same image on one datastore share one replica; a second image adds one.
        let second = VMStorageGroup(name: "vdi-2", count: 50, diskGB: 20, provisioning: clones, swapFiles: false)
        let other = VMStorageGroup(
            name: "vdi-3", count: 10, diskGB: 20,
            provisioning: .linkedClone(parentImage: "win10", replicaGB: 30, initialDeltaGB: 1, deltaGrowthGBPerDay: 0),
            swapFiles: false)
        #expect(ds.usage(of: [pool, second], atDay: 0).replicaGB == 20)
        #expect(ds.usage(of: [pool, second, other], atDay: 0).replicaGB == 20 + 30)
        // The same pool split over two datastores stores the replica twice.
        let two = ds.usage(of: [pool], atDay: 0) + Datastore(name: "ds2", tier: tier).usage(of: [second], atDay: 0)
        #expect(two.replicaGB == 2 * 20)
        // A delta never outgrows its disk.
        #expect(pool.allocatedDiskGBPerVM(atDay: 1000) == 20)
    }

    @Test("dedup and compression divide the thick/thin data: 1000 GB at 2:1 dedup is 500 GB")
    func dedup() {
        let g = [VMStorageGroup(name: "g", count: 10, diskGB: 100, swapFiles: false)]
        #expect(Datastore(name: "d", tier: tier, dedupRatio: 2).usage(of: g, atDay: 0).physicalGB == 1000 / 2)
        #expect(near(Datastore(name: "d", tier: tier, dedupRatio: 2, compressionRatio: 1.5).usage(of: g, atDay: 0).physicalGB, 1000 / (2 * 1.5)))
    }

    @Test("RAID-5 4+1 stores 1.25 raw GB per GB; RAID-1 2; vSAN RAID-5 4/3, RAID-6 1.5, FTT=2 mirror 3")
    func raid() {
        #expect(RAIDLevel.raid5(dataDisks: 4).overheadFactor == 5.0 / 4)
        #expect(RAIDLevel.raid1.overheadFactor == 2)
        #expect(RAIDLevel.vsanRAID5.overheadFactor == 4.0 / 3)
        #expect(RAIDLevel.vsanRAID6.overheadFactor == 1.5)
        #expect(RAIDLevel.vsanMirror(failuresToTolerate: 2).overheadFactor == 3)
        let g = [VMStorageGroup(name: "g", count: 10, diskGB: 100, swapFiles: false)]
        #expect(Datastore(name: "d", tier: tier, raid: .raid5(dataDisks: 4)).usage(of: g, atDay: 0).physicalGB == 1000 * 1.25)
        #expect(RAIDLevel.raid5(dataDisks: 4).description == "raid5-4+1")
    }

    @Test("swap files (RAM − reservation) and snapshots (fraction of the disk) are added before RAID")
    func swapAndSnapshots() {
        // 10 VMs: 100 GB thin at 50%, 4 GiB RAM with 1 GiB reserved, snapshots of 10% of the disk.
        let g = VMStorageGroup(
            name: "g", count: 10, diskGB: 100, provisioning: .thin(initialUsedFraction: 0.5, growthPerDay: 0),
            snapshotFraction: 0.1, ramMiB: 4096, ramReservationMiB: 1024)
        let swapGB = 10 * (4096.0 - 1024) * 1_048_576 / 1e9  // 32.21225472 GB
        let u = Datastore(name: "d", tier: tier, raid: .raid1, dedupRatio: 2).usage(of: [g], atDay: 0)
        #expect(near(u.swapGB, swapGB))
        #expect(near(u.snapshotGB, 10 * 0.1 * 100))
        #expect(near(u.allocatedGB, 10 * 50 + 100 + swapGB))
        // Dedup on the thin data only, then RAID-1 on everything.
        #expect(near(u.physicalGB, (10 * 50 / 2 + 100 + swapGB) * 2))
        #expect(VMStorageGroup(name: "bare", count: 1, diskGB: 1, ramMiB: 4096, swapFiles: false).swapFileGBPerVM == 0)
    }

    @Test("bad values are rejected: a dedup ratio below 1, a used fraction above 1, RAID-5 with one data disk")
    func checks() {
        #expect(
            Datastore.check(raid: .none, dedupRatio: 0.8, compressionRatio: 1)
                == "dedupRatio: expected a finite ratio >= 1 (logical bytes per stored byte), found 0.8")
        #expect(
            Datastore.check(raid: .raid5(dataDisks: 1), dedupRatio: 1, compressionRatio: 1)
                == "raid.raid5.dataDisks: expected >= 2 data disks, found 1")
        #expect(
            DiskProvisioning.check(.thin(initialUsedFraction: 1.2, growthPerDay: 0))
                == "thin.initialUsedFraction: expected a fraction 0...1, found 1.2")
        #expect(VMStorageGroup.check(VMStorageGroup(name: "g", count: 1, diskGB: 1)) == nil)
        #expect(StorageTier.check(pricePerGB: -1) == "pricePerGB: expected a finite price >= 0, found -1.0")
    }
}

@Suite("Thin pools keep free space")
struct ThinPoolHeadroomTests {
    @Test("10 VMs × 100 GB thin at 40% on RAID-5 4+1 with 15% kept free: 400 × 1.25 / 0.85 = 588.24 GB raw")
    func headroom() {
        var ds = Datastore(name: "ds", tier: StorageTier(name: "t", pricePerGB: 1), raid: .raid5(dataDisks: 4))
        let g = VMStorageGroup(name: "g", count: 10, diskGB: 100, provisioning: .thin(initialUsedFraction: 0.4, growthPerDay: 0), swapFiles: false)
        #expect(abs(ds.usage(of: [g], atDay: 0).physicalGB - 500) < 1e-9)
        ds.freeSpaceHeadroom = 0.15
        let u = ds.usage(of: [g], atDay: 0)
        #expect(abs(u.physicalGB - 500 / 0.85) < 1e-9 && abs(u.purchaseCost - 500 / 0.85) < 1e-9)
        #expect(u.allocatedGB == 400, "what the VMs hold does not change")
    }
}
