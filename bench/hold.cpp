// Hold-model benchmark of a discrete-event queue, C++ reference for virtsim's kernel.
//
// Build: g++ -O2 -o bench/.out/hold bench/hold.cpp
// Usage: hold N M    (N pending events, M hold operations)
//
// The loop mirrors runSwiftHold(pending:events:) in Sources/VirtsimCore/KernelBenchmark.swift
// operation for operation, so both print the same checksum:
//   * events are ordered by (time, sequence): integer microseconds, then insertion order
//     (the key of SimKernel.EventQueue at priority 0);
//   * draws: xorshift64* -> u in (0, 1] -> round(-log(u) * 1e6) microseconds (mean 1 s);
//   * fill: N events at time = draw, payload = index;
//   * hold: M times pop the minimum (t, p), fold it into the checksum, push an event at
//     t + draw with payload = N + i. Only the hold phase is timed.
//   * checksum = (checksum ^ t) * 0x100000001b3 + p   (mod 2^64, order-sensitive).
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <queue>
#include <vector>

namespace {

struct XorShift64Star {
    uint64_t state;
    uint64_t next() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DULL;
    }
    // Exponential draw with mean 1 s, in integer microseconds.
    int64_t exp_us() {
        double u = static_cast<double>((next() >> 11) + 1) * 0x1p-53;  // (0, 1]
        return static_cast<int64_t>(std::llround(-std::log(u) * 1e6));
    }
};

struct Entry {
    int64_t time;
    uint64_t seq;
    uint32_t payload;
};

// std::priority_queue is a max-heap: "less" means "runs later".
struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
        return a.time > b.time || (a.time == b.time && a.seq > b.seq);
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s N M\n", argv[0]);
        return 2;
    }
    const long long n = std::atoll(argv[1]);
    const long long m = std::atoll(argv[2]);
    if (n < 1 || m < 0) {
        std::fprintf(stderr, "N must be >= 1 and M >= 0\n");
        return 2;
    }

    XorShift64Star rng{0x9E3779B97F4A7C15ULL};
    std::vector<Entry> storage;
    storage.reserve(static_cast<size_t>(n) + 1);
    std::priority_queue<Entry, std::vector<Entry>, Later> q(Later{}, std::move(storage));
    uint64_t seq = 0;
    for (long long i = 0; i < n; ++i) {
        q.push(Entry{rng.exp_us(), seq++, static_cast<uint32_t>(i)});
    }

    uint64_t checksum = 0;
    const auto start = std::chrono::steady_clock::now();
    for (long long i = 0; i < m; ++i) {
        const Entry top = q.top();
        q.pop();
        checksum = (checksum ^ static_cast<uint64_t>(top.time)) * 0x100000001b3ULL + top.payload;
        q.push(Entry{top.time + rng.exp_us(), seq++, static_cast<uint32_t>(n + i)});
    }
    const auto stop = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(stop - start).count();

    std::printf("cxx N=%lld events=%lld seconds=%.6f events_per_s=%.0f checksum=%llu\n",
                n, m, seconds, seconds > 0 ? static_cast<double>(m) / seconds : 0.0,
                static_cast<unsigned long long>(checksum));
    return 0;
}
