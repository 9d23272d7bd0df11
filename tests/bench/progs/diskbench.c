/* Disk benchmark over a freshly mounted ext2 filesystem, the same source
 * for every kernel: sequential write (64 KiB writes, then fsync),
 * sequential read of that file after a remount (cold caches), and small
 * files created (100 bytes each) then deleted, then syncfs. Prints
 * "RESULT NAME VALUE UNIT" lines.
 *   diskbench DEVICE DIR     (mounts DEVICE on DIR as ext2, unmounts at the end) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SEQ_BYTES (32L << 20)
#define CHUNK 65536
#define SMALL_FILES 500

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void mount_fs(const char *dev, const char *dir)
{
	if (mount(dev, dir, "ext2", 0, NULL) < 0)
		die("mount");
}

static double seq_write(const char *path)
{
	static char buf[CHUNK];
	double t = now();
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);

	memset(buf, 0x5a, sizeof(buf));
	if (fd < 0)
		die("open for write");
	for (long done = 0; done < SEQ_BYTES; done += CHUNK)
		if (write(fd, buf, CHUNK) != CHUNK)
			die("write");
	if (fsync(fd) < 0 || close(fd) < 0)
		die("fsync");
	return SEQ_BYTES / (now() - t) / 1e6;
}

static double seq_read(const char *path)
{
	static char buf[CHUNK];
	double t = now();
	long total = 0, n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		die("open for read");
	while ((n = read(fd, buf, CHUNK)) > 0)
		total += n;
	if (n < 0 || total != SEQ_BYTES)
		die("read");
	close(fd);
	return total / (now() - t) / 1e6;
}

/* Files created and deleted per second (one create+delete pair counts 1). */
static double small_files(const char *dir)
{
	char name[256], data[100];
	double t = now();
	int fd;

	memset(data, 'x', sizeof(data));
	for (int k = 0; k < SMALL_FILES; k++) {
		snprintf(name, sizeof(name), "%s/small/f%d", dir, k);
		fd = open(name, O_CREAT | O_WRONLY, 0644);
		if (fd < 0 || write(fd, data, sizeof(data)) != sizeof(data) || close(fd) < 0)
			die("small create");
	}
	for (int k = 0; k < SMALL_FILES; k++) {
		snprintf(name, sizeof(name), "%s/small/f%d", dir, k);
		if (unlink(name) < 0)
			die("small unlink");
	}
	fd = open(dir, O_RDONLY);
	if (fd < 0 || syncfs(fd) < 0)
		die("syncfs");
	close(fd);
	return SMALL_FILES / (now() - t);
}

int main(int argc, char **argv)
{
	char path[256], small[256];

	if (argc != 3)
		return 2;
	snprintf(path, sizeof(path), "%s/seq.bin", argv[2]);
	snprintf(small, sizeof(small), "%s/small", argv[2]);
	mount_fs(argv[1], argv[2]);
	printf("RESULT seqwrite %.1f MB/s\n", seq_write(path));
	if (umount(argv[2]) < 0)
		die("umount");
	mount_fs(argv[1], argv[2]);
	printf("RESULT seqread %.1f MB/s\n", seq_read(path));
	if (mkdir(small, 0755) < 0)
		die("mkdir");
	printf("RESULT smallfiles %.0f files/s\n", small_files(argv[2]));
	unlink(path);
	rmdir(small);
	if (umount(argv[2]) < 0)
		die("umount");
	return 0;
}
