#!/usr/bin/env python3
"""Writes the SYNTHETIC estate of scenarios/inventory/ (see README.md there): an RVTools export
as CSV tabs in both header sets, a week of monitoring samples, and a generic physical estate.
Deterministic (a fixed seed, no clock): `python3 scenarios/inventory/generate.py` rewrites the
same bytes. No row describes a real machine."""
import csv
import io
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
VCENTER = "vcenter.synthetic.example"
rng = random.Random(20260105)

# --- the virtual estate: 3 clusters of ESXi hosts ---------------------------------------------
CLUSTERS = [
    # cluster, hosts, vendor, model, cpu model, sockets, cores/socket, MHz, memory GiB
    ("prod", 10, "Dell Inc.", "PowerEdge R740", "Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz", 2, 16, 2100, 512),
    ("test", 8, "HPE", "ProLiant DL380 Gen10", "Intel(R) Xeon(R) Gold 5118 CPU @ 2.30GHz", 2, 12, 2300, 384),
    ("legacy", 6, "IBM", "System x3550 M3", "Intel(R) Xeon(R) CPU X5675 @ 3.07GHz", 2, 6, 3060, 192),
]
hosts = []
for cluster, n, vendor, model, cpu, sockets, cps, mhz, gib in CLUSTERS:
    for i in range(n):
        hosts.append(dict(host=f"esx-{cluster}-{i + 1:02d}.synthetic.example", cluster=cluster, vendor=vendor, model=model,
                          cpu=cpu, sockets=sockets, cps=cps, mhz=mhz, mem_mib=gib * 1024))

OSES = ["Microsoft Windows Server 2019 (64-bit)", "Microsoft Windows Server 2016 (64-bit)", "Red Hat Enterprise Linux 8 (64-bit)",
        "Ubuntu Linux (64-bit)", "CentOS 7 (64-bit)", "SUSE Linux Enterprise 15 (64-bit)"]
FOLDERS = ["Prod, Tier 1", "Prod, Tier 2", "Test", "Dev", "Infra"]  # commas: quoted fields
vms = []
N = 420
for k in range(N):
    vcpus = rng.choice([1, 2, 2, 2, 4, 4, 4, 8, 8, 16])
    fitting = [h for h in hosts if h["sockets"] * h["cps"] >= vcpus]
    h = fitting[rng.randrange(len(fitting))]
    mem_gib = rng.choice([2, 4, 4, 8, 8, 8, 16, 16, 32, 64])
    prov_gib = rng.choice([40, 60, 80, 100, 200, 500, 1000])
    kind = "vm"
    r = rng.random()
    if k % 35 == 7:
        kind = "template"
    elif k % 70 == 12:
        kind = "srm"
    elif r < 0.06:
        kind = "off"
    elif r < 0.07:
        kind = "suspended"
    busy = kind == "vm" and rng.random() < 0.04
    mean = min(85.0, rng.lognormvariate(math.log(45 if busy else 9), 0.4 if busy else 0.6))
    vms.append(dict(
        name=f"syn-{['app', 'db', 'web', 'file', 'svc'][k % 5]}-{k + 1:03d}", host=h, vcpus=vcpus, mem_mib=mem_gib * 1024,
        prov_mib=prov_gib * 1024, used_mib=round(prov_gib * 1024 * rng.uniform(0.3, 0.85), 1), kind=kind,
        os_config=rng.choice(OSES), folder=rng.choice(FOLDERS), mean=mean, busy=busy,
        mem_active=rng.uniform(8, 45), uuid=f"4200{k:04x}-5a5a-{k % 9999:04d}-8000-00000000{k:04x}"))


def power(v):
    return {"vm": "poweredOn", "template": "poweredOff", "srm": "poweredOff", "off": "poweredOff", "suspended": "suspended"}[v["kind"]]


def vinfo_row(v):
    tools = "" if v["kind"] in ("template", "srm") else v["os_config"]
    return [v["name"], power(v), "True" if v["kind"] == "template" else "False", "True" if v["kind"] == "srm" else "False",
            "green", v["name"] + ".synthetic.example", v["vcpus"], v["mem_mib"], 1, 1, v["prov_mib"], v["prov_mib"], v["used_mib"],
            v["folder"], v["host"]["cluster"], "dc-synthetic", v["host"]["cluster"], v["host"]["host"], v["os_config"], tools, v["uuid"],
            VCENTER]


GUI = ["VM", "Powerstate", "Template", "SRM Placeholder", "Config status", "DNS Name", "CPUs", "Memory", "NICs", "Disks",
       "Total disk capacity MiB", "Provisioned MiB", "In Use MiB", "Folder", "Resource pool", "Datacenter", "Cluster", "Host",
       "OS according to the configuration file", "OS according to the VMware Tools", "VM UUID", "VI SDK Server"]
# the CSV export's internal names (RVToolsMerge's mapping; vInfoVISDKServer from public scripts)
EXPORT = ["vInfoVMName", "vInfoPowerstate", "vInfoTemplate", "vInfoSRMPlaceHolder", "vInfoConfigStatus", "vInfoGuestHostName",
          "vInfoCPUs", "vInfoMemory", "vInfoNICs", "vInfoNumVirtualDisks", "vInfoTotalDiskCapacityMiB", "vInfoProvisioned",
          "vInfoInUse", "vInfoFolder", "vInfoResourcepool", "vInfoDataCenter", "vInfoCluster", "vInfoHost", "vInfoOS", "vInfoOSTools", "vInfoUUID",
          "vInfoVISDKServer"]


def write(name, header, rows, bom=False, crlf=False):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    w.writerow(header)
    w.writerows(rows)
    with open(os.path.join(HERE, name), "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        f.write(buf.getvalue())


write("vinfo-gui.csv", GUI, [vinfo_row(v) for v in vms], bom=True)
write("vinfo-export.csv", EXPORT, [vinfo_row(v) for v in vms], crlf=True)

VHOST_GUI = ["Host", "Datacenter", "Cluster", "CPU Model", "Speed", "HT Available", "HT Active", "# CPU", "Cores per CPU", "# Cores",
             "CPU usage %", "# Memory", "Memory usage %", "# VMs", "ESX Version", "Vendor", "Model", "VI SDK Server"]
VHOST_EXPORT = ["vHostName", "vHostDatacenter", "vHostCluster", "vHostCpuModel", "vHostCpuMhz", "vHostNumCpu", "vHostCoresPerCPU",
                "vHostNumCpuCores", "vHostOverallCpuUsage", "vHostMemorySize", "vHostOverallMemoryUsage", "vHostVendor", "vHostModel",
                "vHostVISDKServer"]
per_host = {h["host"]: sum(1 for v in vms if v["host"] is h and v["kind"] == "vm") for h in hosts}
vhost_gui, vhost_export = [], []
for h in hosts:
    cores = h["sockets"] * h["cps"]
    cpu_pct, mem_pct = rng.randint(8, 40), rng.randint(30, 75)
    vhost_gui.append([h["host"], "dc-synthetic", h["cluster"], h["cpu"], h["mhz"], "True", "True", h["sockets"], h["cps"], cores,
                      cpu_pct, h["mem_mib"], mem_pct, per_host[h["host"]], "VMware ESXi 7.0.3 build-21930508", h["vendor"], h["model"],
                      VCENTER])
    vhost_export.append([h["host"], "dc-synthetic", h["cluster"], h["cpu"], h["mhz"], h["sockets"], h["cps"], cores, cpu_pct,
                         h["mem_mib"], mem_pct, h["vendor"], h["model"], VCENTER])
write("vhost.csv", VHOST_GUI, vhost_gui)
write("vhost-export.csv", VHOST_EXPORT, vhost_export, crlf=True)

# a snapshot at export time: vCPU Overall (MHz) and vMemory Active (MiB)
vcpu_rows, vmem_rows = [], []
for v in vms:
    on = v["kind"] == "vm"
    util = v["mean"] * rng.uniform(0.6, 1.6) if on else 0
    overall = round(min(100, util) / 100 * v["vcpus"] * v["host"]["mhz"])
    vcpu_rows.append([v["name"], power(v), v["vcpus"], 1, v["vcpus"], v["vcpus"] * v["host"]["mhz"], overall, "normal",
                      1000 * v["vcpus"], 0, -1, "False", v["host"]["host"], VCENTER])
    active = round(v["mem_mib"] * v["mem_active"] / 100) if on else 0
    vmem_rows.append([v["name"], power(v), v["mem_mib"], round(30 + v["mem_mib"] * 0.01), round(active * 1.3), 0, -1, active, v["host"]["host"],
                      VCENTER])
write("vcpu.csv", ["VM", "Powerstate", "CPUs", "Sockets", "Cores p/s", "Max", "Overall", "Level", "Shares", "Reservation", "Limit",
                   "Hot Add", "Host", "VI SDK Server"], vcpu_rows)
write("vmemory.csv", ["VM", "Powerstate", "Size MiB", "Overhead", "Consumed", "Reservation", "Limit", "Active", "Host",
                      "VI SDK Server"], vmem_rows)

# --- monitoring: one week, hourly, long format; 10 powered-on VMs have no series -------------
lines = ["timestamp,vm,cpu_pct,mem_pct"]
monitored = [v for v in vms if v["kind"] == "vm"][:-10]
for hour in range(7 * 24):
    day, hod = divmod(hour, 24)
    weekday = day < 5  # 2026-01-05 is a Monday
    ts = f"2026-01-{5 + day:02d}T{hod:02d}:00:00Z"
    for v in monitored:
        diurnal = 1 + 0.6 * math.cos(2 * math.pi * (hod - 14) / 24)
        level = v["mean"] * diurnal * (1.0 if weekday else 0.55) * rng.lognormvariate(0, 0.25)
        if v["busy"] and weekday and 9 <= hod <= 17:
            level *= 1.4
        cpu = min(100.0, level)
        mem = min(100.0, v["mem_active"] * (1 + 0.15 * math.cos(2 * math.pi * (hod - 14) / 24)))
        lines.append(f"{ts},{v['name']},{cpu:.1f},{mem:.1f}")
with open(os.path.join(HERE, "monitoring.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("\n".join(lines) + "\n")

# --- the physical estate: three hardware generations and a model the catalogue lacks ---------
GENERATIONS = [
    # model (with CPU, as an asset register writes it), count, sockets, cores, MHz, RAM choices GiB, era
    ("HP ProLiant ML110 G4 (Xeon 3040)", 120, 1, 2, 1860, [4, 8], 2007),
    ("IBM System x3250 M3 (Xeon X3470)", 150, 1, 4, 2930, [8, 16], 2010),
    ("IBM System x3550 M3 (Xeon X5675)", 110, 2, 12, 3060, [32, 64, 96], 2011),
    ("Dell PowerEdge R610 (Xeon E5620)", 20, 2, 8, 2400, [24, 48], 2010),
]
phys = []
k = 0
for model, n, sockets, cores, mhz, rams, era in GENERATIONS:
    for i in range(n):
        k += 1
        comatose = rng.random() < 0.08  # idle servers (Koomey & Taylor 2015: ~30% of servers idle ≥6 months)
        mean = round(rng.uniform(0.3, 1.5) if comatose else min(70.0, rng.lognormvariate(math.log(9), 0.6)), 1)
        p95 = round(min(100.0, mean * rng.uniform(2.0, 4.0) + rng.uniform(1, 5)), 1)
        if k % 97 == 0:
            p95 = 100.0  # a saturated peak: the fit's p95 = 100 rule
        ram = rng.choice(rams)
        prov = rng.choice([146, 300, 600, 900]) * (2 if cores >= 8 else 1)
        phys.append([f"syn-srv-{k:03d}", model, sockets, cores, mhz, ram, prov, round(prov * rng.uniform(0.2, 0.7), 1),
                     mean, p95, round(rng.uniform(15, 60), 1), rng.choice(OSES)])
write("physical-estate.csv", ["name", "server_model", "sockets", "vcpus", "cpu_mhz", "ram_gib", "disk_provisioned_gib",
                              "disk_used_gib", "cpu_mean_pct", "cpu_p95_pct", "mem_active_pct", "os"], phys)
