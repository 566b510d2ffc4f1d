import Testing
import SimKernel

@Suite("LocalClock: the hour of day across daylight-saving changes")
struct LocalClockTests {
    @Test("no shift: (start + t/3600) mod 24; a +1 h shift at 26 h moves every later hour on by one")
    func shifts() {
        let utc = LocalClock(startHourOfDay: 22)
        #expect(utc.hourOfDay(atS: 3 * 3600) == 1 && utc.shiftHours(atS: 1e9) == 0)
        // Berlin from Sat 00:00 CET: clocks go 02:00 → 03:00 at 26 h elapsed
        let berlin = LocalClock(startHourOfDay: 0, shifts: [.init(atS: 26 * 3600, hours: 1)])
        #expect(berlin.hourOfDay(atS: 25.5 * 3600) == 1.5)
        #expect(berlin.hourOfDay(atS: 26 * 3600) == 3, "the change itself: 02:00 does not exist")
        #expect(berlin.hourOfDay(atS: 37 * 3600) == 14, "13 h after 00:00 on day 2 is 14:00 local")
        // and back in autumn: +1 then 0
        let year = LocalClock(startHourOfDay: 0, shifts: [.init(atS: 10, hours: 1), .init(atS: 20, hours: 0)])
        #expect(year.shiftHours(atS: 15) == 1 && year.shiftHours(atS: 25) == 0 && year.shiftHours(atS: 5) == 0)
    }
}
