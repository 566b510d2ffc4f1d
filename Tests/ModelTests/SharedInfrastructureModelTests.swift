import Testing
@testable import DatacenterModel

@Suite("Shared infrastructure models: storage arrays, switches, local devices")
struct SharedInfrastructureModelTests {
    func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    /// 2 controllers of 200 W, shelves of 24 drives at 100 W, 600 GB drives at 7.33 W (F: Savvio 10K.6 read/write).
    let array = StorageArray(driveGB: 600, driveW: 7.33, drivesPerShelf: 24, shelfW: 100, controllers: 2, controllerW: 200)

    @Test("array for 22,250 GB: ⌈22,250 / 600⌉ = 38 drives, ⌈38 / 24⌉ = 2 shelves, 2 × 200 + 2 × 100 + 38 × 7.33 W")
    func arrayPower() {
        let s = array.sized(rawGB: 22_250)
        #expect(s.drives == 38 && s.shelves == 2 && s.controllers == 2)
        let want: Double = 2 * 200 + 2 * 100 + 38 * 7.33  // 878.54 W
        #expect(near(s.powerW, want))
        #expect(s.purchaseUSD == 0)
    }

    @Test("drives are whole: 1,200 GB on 600 GB drives is 2 drives (rounding noise ignored), 1,200.1 GB is 3; 0 GB needs no drive and no shelf")
    func driveRounding() {
        #expect(array.sized(rawGB: 1200).drives == 2)
        #expect(array.sized(rawGB: 0.1 * 3 * 4000).drives == 2)  // 1200.0000000000002 GB
        #expect(array.sized(rawGB: 1200.1).drives == 3)
        let none = array.sized(rawGB: 0)
        #expect(none.drives == 0 && none.shelves == 0 && near(none.powerW, 400))  // controllers stay
        // one drive more than a shelf holds opens a second shelf
        #expect(array.sized(rawGB: 24 * 600).shelves == 1 && array.sized(rawGB: 24 * 600 + 1).shelves == 2)
    }

    @Test("array purchase: controllers, shelves and drives at their prices")
    func arrayPrice() {
        var a = array
        a.drivePriceUSD = 300; a.shelfPriceUSD = 2000; a.controllerPriceUSD = 10_000
        #expect(a.isPriced && !array.isPriced)
        let want: Double = 38 * 300 + 2 * 2000 + 2 * 10_000
        #expect(near(a.sized(rawGB: 22_250).purchaseUSD, want))
    }

    @Test("array inputs: zero drive size, no shelf bays, no controller, negative watts are refused")
    func arrayCheck() {
        var a = array
        a.driveGB = 0
        #expect(StorageArray.check(a)?.hasPrefix("driveGB:") == true)
        a = array; a.drivesPerShelf = 0
        #expect(StorageArray.check(a)?.hasPrefix("drivesPerShelf:") == true)
        a = array; a.controllers = 0
        #expect(StorageArray.check(a)?.hasPrefix("controllers:") == true)
        a = array; a.shelfW = -1
        #expect(StorageArray.check(a)?.hasPrefix("shelfW:") == true)
        #expect(StorageArray.check(array) == nil)
    }

    @Test("switches for 7 hosts × 2 ports on CARPO's 48-port 1 GbE ToR: 14 ports, 1 switch, 66.7 + 14 × 0.91 W")
    func switchPower() {
        let s = NetworkSwitches.carpo1GbE(portsPerHost: 2).sized(hosts: 7)
        #expect(s.ports == 14 && s.switches == 1)
        let want: Double = 66.7 + 14 * 0.91  // 79.44 W
        #expect(near(s.powerW, want))
        // 400 servers × 2 ports: 800 ports, ⌈800 / 48⌉ = 17 switches
        let estate = NetworkSwitches.carpo1GbE(portsPerHost: 2).sized(hosts: 400)
        let estateW: Double = 17 * 66.7 + 800 * 0.91  // 1,861.9 W
        #expect(estate.switches == 17 && near(estate.powerW, estateW))
        #expect(NetworkSwitches.carpo1GbE(portsPerHost: 1).sized(hosts: 48).switches == 1)
        #expect(NetworkSwitches.carpo1GbE(portsPerHost: 1).sized(hosts: 49).switches == 2)
        #expect(NetworkSwitches.carpo1GbE(portsPerHost: 2).sized(hosts: 0) == NetworkSize(switches: 0, ports: 0, powerW: 0, purchaseUSD: 0))
        var priced = NetworkSwitches.carpo1GbE(portsPerHost: 2)
        priced.switchPriceUSD = 2500
        #expect(priced.sized(hosts: 400).purchaseUSD == 17 * 2500)
        priced.portsPerSwitch = 0
        #expect(NetworkSwitches.check(priced)?.hasPrefix("portsPerSwitch:") == true)
    }

    @Test("local devices: 2 extra disks × 7.33 W + 1 NIC × 5 W raise idle, every load, P-states and boot by 19.66 W; off power unchanged")
    func localDevices() {
        var host = HostType(
            name: "h", cores: 4, coreMips: 1000, ramMiB: 16_384, power: LinearPowerModel(idleW: 100, maxW: 200), offW: 5, bootTimeS: 60)
        host.pstates = PStateTable(frequenciesMHz: [2000, 1000], power: .explicit(idleW: [100, 90], maxW: [200, 150]))
        let d = LocalDevices(disks: 2, diskW: 7.33, nics: 1, nicW: 5)
        let t = d.apply(to: host)
        let extra: Double = 2 * 7.33 + 5
        #expect(near(d.extraW, extra))
        #expect(near(t.power.idleW, 119.66) && near(t.power.maxW, 219.66) && near(t.power.powerW(utilization: 0.5), 169.66))
        #expect(near(t.bootPowerW, 219.66) && t.offW == 5)
        if case let .explicit(idle, max) = t.pstates?.power {
            #expect(near(idle[1], 109.66) && near(max[1], 169.66))
        } else {
            Issue.record("explicit P-state powers expected")
        }
        #expect(t.power.slopeBreakpoints == host.power.slopeBreakpoints)
        // none: the host type as it was
        #expect(LocalDevices().apply(to: host).power.idleW == 100)
        #expect(LocalDevices.check(LocalDevices(disks: 1, diskW: 1)) == nil)
    }
}
