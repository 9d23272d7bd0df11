#!/usr/bin/env python3
"""Benchmark: 9P share throughput on QEMU virt (aarch64), Janux's 9p client
beside Debian's arm64 Linux (the generic kernel: the cloud one has no 9p)
as the client of the same QEMU 9P server (`bin/janux-qemu --dry-run --share
DIR -c SCRIPT`, same command line except -kernel; Linux's virtio-mmio and
9p modules are added to the initramfs, Janux's insmod fails harmlessly).
Per run, a fresh share: 32 MiB sequential write (fsync; from a tmpfs file,
since /dev/zero reads are short), 32 MiB read (whole records counted), 200
small files created. Both mount with msize=131072 (Linux's default cache
mode: none). The host timestamps the guest's marker lines. Median of RUNS.
  tests/bench/share-aarch64.py OUT.json [RUNS]
"""
import importlib.util
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
_spec = importlib.util.spec_from_file_location("disk_bench", os.path.join(HERE, "disk-aarch64.py"))
disk = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(disk)  # one copy of the kernel fetch, timing and report code

MIB = 32
NFILES = 200
MODULES = ["drivers/virtio/virtio_mmio.ko", "fs/netfs/netfs.ko", "fs/fscache/fscache.ko",
           "net/9p/9pnet.ko", "net/9p/9pnet_virtio.ko", "fs/9p/9p.ko"]

SCRIPT = f"""for m in /mod/*.ko; do insmod $m 2>/dev/null; done
[ -c /dev/zero ] || mount -t devtmpfs devtmpfs /dev
S=/mnt/host
grep -q " $S 9p " /proc/mounts || {{ mkdir -p $S; mount -t 9p -o trans=virtio,version=9p2000.L,msize=131072 host $S; }}
step() {{ echo "@@B $1"; eval "$2"; echo "@@E $1 $?"; }}
dd if=/dev/zero of=/tmp/src bs=65536 count={MIB * 16} 2>/dev/null  # /dev/zero reads are short
step write 'dd if=/tmp/src of=$S/big bs=1M conv=fsync 2>/dev/null && [ $(stat -c %s $S/big) -eq {MIB << 20} ]'
{{ echo 3 >/proc/sys/vm/drop_caches; }} 2>/dev/null
step read 'dd if=$S/big of=/dev/null bs=1M 2>&1 | grep -q "^{MIB}+0 records in"'
mkdir $S/d
step create 'i=0; while [ $i -lt {NFILES} ]; do echo x >$S/d/f$i; i=$((i+1)); done'
"""

STEPS = {  # step -> (title, unit, better, value from seconds)
    "write": ("9P share sequential write+fsync (aarch64)", "MiB/s", "higher", lambda s: MIB / s),
    "read": ("9P share sequential read (aarch64)", "MiB/s", "higher", lambda s: MIB / s),
    "create": (f"9P share create {NFILES} small files (aarch64)", "files/s", "higher",
               lambda s: NFILES / s),
}


def base_command(workdir, moddir):
    """QEMU argv for the script sharing workdir/share, with the modules added."""
    shutil.rmtree(workdir, ignore_errors=True)
    share = os.path.join(workdir, "share")
    os.makedirs(share)
    return disk.dry_run_argv(["--share", share, "-c", SCRIPT], workdir, moddir, MODULES), share


def fresh_share(share):
    shutil.rmtree(share)
    os.makedirs(share)


def main():
    out, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
    kernel, moddir = disk.linux_kernel("linux-image-arm64:arm64", "linux-arm64-generic")
    argv, share = base_command(
        os.path.join(os.path.dirname(os.path.abspath(out)), "share-aarch64"), moddir)
    med = disk.measure(argv, kernel, runs, STEPS, lambda: fresh_share(share))
    disk.write_fragment(out, med, runs, STEPS,
                        f"median of {runs}, QEMU TCG virt cortex-a72 256M, virtio-9p (modern mmio), "
                        f"QEMU's server (local, security_model=none), msize 128 KiB")


if __name__ == "__main__":
    main()
