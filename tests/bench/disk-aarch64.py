#!/usr/bin/env python3
"""Benchmark: virtio-blk disk throughput on QEMU virt (aarch64), Janux vs
Debian's arm64 Linux, same QEMU command line except -kernel (from
`bin/janux-qemu --dry-run --disk RAW --disk EXT2 -c SCRIPT`), same busybox
initramfs (plus Linux's virtio modules, which its cloud kernel has as
modules; Janux's insmod fails harmlessly). Per run, fresh images: 32 MiB
sequential read and write (with fsync) on the raw disk vda, and on an ext2
filesystem on vdb (write + fsync, then a remount so the read comes from
the disk), then 200 small files created and deleted (each step ending in
sync). The guest prints a marker line before and after each step; the
host timestamps the lines as they arrive. Median of RUNS.
  tests/bench/disk-aarch64.py OUT.json [RUNS]
"""
import glob
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIMIT = 300.0
MIB = 32
NFILES = 200
MODULES = ["drivers/virtio/virtio_ring.ko", "drivers/virtio/virtio.ko",
           "drivers/virtio/virtio_mmio.ko", "drivers/block/virtio_blk.ko"]

SCRIPT = f"""for m in /mod/*.ko; do insmod $m 2>/dev/null; done
[ -b /dev/vda ] || mount -t devtmpfs devtmpfs /dev
{{ echo 3 >/proc/sys/vm/drop_caches; }} 2>/dev/null
mkdir -p /mnt
step() {{ echo "@@B $1"; eval "$2"; echo "@@E $1 $?"; }}
step raw-read 'dd if=/dev/vda of=/dev/null bs=1M count={MIB} 2>/dev/null'
step raw-write 'dd if=/dev/zero of=/dev/vda bs=1M count={MIB} conv=fsync 2>/dev/null'
mount -t ext2 /dev/vdb /mnt
step ext2-write 'dd if=/dev/zero of=/mnt/big bs=1M count={MIB} conv=fsync 2>/dev/null'
umount /mnt && mount -t ext2 /dev/vdb /mnt
step ext2-read 'dd if=/mnt/big of=/dev/null bs=1M 2>/dev/null'
mkdir /mnt/d
step create 'i=0; while [ $i -lt {NFILES} ]; do echo x >/mnt/d/f$i; i=$((i+1)); done; sync'
step delete 'rm -r /mnt/d; sync'
umount /mnt
"""

STEPS = {  # step -> (title, unit, better, value from seconds)
    "raw-read": ("disk raw sequential read (aarch64)", "MiB/s", "higher", lambda s: MIB / s),
    "raw-write": ("disk raw sequential write+fsync (aarch64)", "MiB/s", "higher", lambda s: MIB / s),
    "ext2-read": ("ext2 sequential read (aarch64)", "MiB/s", "higher", lambda s: MIB / s),
    "ext2-write": ("ext2 sequential write+fsync (aarch64)", "MiB/s", "higher", lambda s: MIB / s),
    "create": (f"ext2 create {NFILES} small files + sync (aarch64)", "files/s", "higher",
               lambda s: NFILES / s),
    "delete": (f"ext2 delete {NFILES} small files + sync (aarch64)", "files/s", "higher",
               lambda s: NFILES / s),
}


def linux_kernel(pkg="linux-image-cloud-arm64:arm64", peer_name="linux-arm64"):
    """Debian's arm64 kernel PKG and its modules dir, fetched into
    build/peers/PEER_NAME if needed (share-aarch64.py uses the generic
    kernel: the cloud one has no 9p)."""
    peer = os.path.join(ROOT, "build/peers", peer_name)
    if not glob.glob(f"{peer}/boot/vmlinuz-*"):
        subprocess.run([f"{ROOT}/mk/fetch-deb.sh", pkg, peer],
                       check=True, stdout=subprocess.DEVNULL)
    kernel = sorted(glob.glob(f"{peer}/boot/vmlinuz-*"))[-1]
    version = os.path.basename(kernel)[len("vmlinuz-"):]
    return kernel, f"{peer}/lib/modules/{version}/kernel"


def base_command(workdir, moddir):
    """QEMU argv for the script with two disks in workdir and the modules added."""
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    raw, ext2 = os.path.join(workdir, "raw.img"), os.path.join(workdir, "ext2.img")
    for img in (raw, ext2):
        open(img, "w").close()
    argv = dry_run_argv(["--disk", raw, "--disk", ext2, "-c", SCRIPT], workdir, moddir, MODULES)
    return argv, raw, ext2


def dry_run_argv(args, workdir, moddir, modules):
    """QEMU argv of `janux-qemu --dry-run ARGS`, its initrd given Linux's
    `modules` (paths under moddir) in mod/, in workdir."""
    out = subprocess.run([f"{ROOT}/bin/janux-qemu", "--dry-run"] + args,
                         check=True, capture_output=True, text=True).stdout
    argv = shlex.split(out)
    dry = os.path.join(ROOT, "build/aarch64/janux-qemu-dry/initrd.cpio")
    initrd = os.path.join(workdir, "initrd.cpio")
    mods = [f"mod/{i}-{os.path.basename(m)}={moddir}/{m}" for i, m in enumerate(modules)]
    subprocess.run([f"{ROOT}/arch/aarch64/tools/initrd-add.py", initrd, "--base", dry, "mod/"]
                   + mods, check=True)
    argv[argv.index("-initrd") + 1] = initrd
    return argv


def fresh_images(raw, ext2):
    """A raw disk full of random bytes (no holes: reading a hole measures the
    host's sparse-file path) and an empty ext2 filesystem on a sparse file."""
    with open(raw, "wb") as f:
        for _ in range(64):
            f.write(os.urandom(1 << 20))
    os.truncate(ext2, 0)
    os.truncate(ext2, 128 << 20)
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", ext2], check=True)


def one_run(argv, steps=STEPS):
    """{step: seconds} from the guest's markers; raises on a missing or failed step."""
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    begun, took = {}, {}
    deadline = time.monotonic() + LIMIT
    for raw_line in p.stdout:
        now, line = time.monotonic(), raw_line.decode(errors="replace").strip()
        if line.startswith("@@B "):
            begun[line[4:]] = now
        elif line.startswith("@@E "):
            name, status = line[4:].split()
            if status != "0":
                raise RuntimeError(f"{argv[argv.index('-kernel') + 1]}: step {name} failed "
                                   f"with status {status}")
            took[name] = now - begun[name]
        if now > deadline:
            p.kill()
    p.wait(timeout=LIMIT)
    missing = set(steps) - set(took)
    if missing:
        raise RuntimeError(f"{argv[argv.index('-kernel') + 1]}: no result for {sorted(missing)}")
    return took


def measure(argv, linux, runs, steps, fresh):
    """{kernel: {step: median seconds}} for Janux (argv's -kernel) and LINUX,
    RUNS runs each on the same command line, fresh() before every run."""
    kernels = {"janux-aarch64": argv[argv.index("-kernel") + 1], "linux-aarch64": linux}
    med = {}
    for name, k in kernels.items():
        k_argv = list(argv)
        k_argv[k_argv.index("-kernel") + 1] = k
        samples = []
        for _ in range(runs):
            fresh()
            samples.append(one_run(k_argv, steps))
        med[name] = {s: statistics.median(x[s] for x in samples) for s in steps}
    return med


def write_fragment(out, med, runs, steps, note):
    """The JSON fragment of tests/bench/report.mjs for measure()'s result."""
    frag = [{"name": title, "unit": unit, "better": better, "baseline": "linux-aarch64",
             "runs": runs, "note": note,
             "values": {k: round(conv(v[step]), 2) for k, v in med.items()}}
            for step, (title, unit, better, conv) in steps.items()]
    with open(out, "w") as f:
        json.dump(frag, f, indent=1)


def main():
    out, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
    kernel, moddir = linux_kernel()
    argv, raw, ext2 = base_command(
        os.path.join(os.path.dirname(os.path.abspath(out)), "disk-aarch64"), moddir)
    med = measure(argv, kernel, runs, STEPS, lambda: fresh_images(raw, ext2))
    write_fragment(out, med, runs, STEPS,
                   f"median of {runs}, QEMU TCG virt cortex-a72 256M, virtio-blk (modern mmio), "
                   f"raw images, write-back cache")


if __name__ == "__main__":
    main()
