// lossyfs: a FUSE file system for power-cut tests, in the spirit of Jepsen's LazyFS.
//
// It passes through to a backing folder, but keeps every file's written data in memory until
// the file is fsynced: only then is it written to the backing file (and fsynced there). When the
// file system is unmounted (the test "pulls the plug": kills the processes using it, unmounts,
// mounts again), whatever was never fsynced is gone, exactly as after a power cut that takes the
// page cache with it. Creating, renaming and removing files and folders reach the backing folder
// at once (as on a journalling file system that orders metadata), so what this models is data
// that was written but not synced.
//
//   lossyfs BACKING MOUNTPOINT     (foreground, single-threaded; stops on unmount)
//
// Built by the power-cut test from this file with the system's libfuse3.

#define FUSE_USE_VERSION 31
#include <fuse.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static char backing[PATH_MAX];

// A file's contents as the processes see them, until it is fsynced.
struct image {
  char path[PATH_MAX];  // relative to the mount, starting with '/'
  char *data;
  size_t size;
  size_t capacity;
  int dirty;
  struct image *next;
};

static struct image *images;

static void real(char out[PATH_MAX], const char *path) { snprintf(out, PATH_MAX, "%s%s", backing, path); }

static struct image *find(const char *path) {
  for (struct image *i = images; i; i = i->next) {
    if (strcmp(i->path, path) == 0) return i;
  }
  return NULL;
}

static void drop(const char *path) {
  for (struct image **p = &images; *p; p = &(*p)->next) {
    if (strcmp((*p)->path, path) == 0) {
      struct image *gone = *p;
      *p = gone->next;
      free(gone->data);
      free(gone);
      return;
    }
  }
}

static int reserve(struct image *i, size_t size) {
  if (size <= i->capacity) return 0;
  size_t capacity = i->capacity ? i->capacity : 4096;
  while (capacity < size) capacity *= 2;
  char *grown = realloc(i->data, capacity);
  if (!grown) return -ENOMEM;
  memset(grown + i->capacity, 0, capacity - i->capacity);
  i->data = grown;
  i->capacity = capacity;
  return 0;
}

// The image of a file, loaded from the backing file on first use.
static struct image *load(const char *path, int *err) {
  struct image *i = find(path);
  if (i) return i;
  char p[PATH_MAX];
  real(p, path);
  int fd = open(p, O_RDONLY);
  if (fd < 0) {
    *err = -errno;
    return NULL;
  }
  struct stat st;
  if (fstat(fd, &st) < 0) {
    *err = -errno;
    close(fd);
    return NULL;
  }
  i = calloc(1, sizeof *i);
  if (!i) {
    close(fd);
    *err = -ENOMEM;
    return NULL;
  }
  snprintf(i->path, PATH_MAX, "%s", path);
  if (reserve(i, (size_t)st.st_size + 1) < 0) {
    free(i);
    close(fd);
    *err = -ENOMEM;
    return NULL;
  }
  size_t got = 0;
  while (got < (size_t)st.st_size) {
    ssize_t n = pread(fd, i->data + got, (size_t)st.st_size - got, (off_t)got);
    if (n <= 0) break;
    got += (size_t)n;
  }
  close(fd);
  i->size = got;
  i->next = images;
  images = i;
  return i;
}

static int lossy_getattr(const char *path, struct stat *st, struct fuse_file_info *fi) {
  (void)fi;
  char p[PATH_MAX];
  real(p, path);
  if (lstat(p, st) < 0) return -errno;
  struct image *i = find(path);
  if (i) {
    st->st_size = (off_t)i->size;
    st->st_blocks = (blkcnt_t)((i->size + 511) / 512);
  }
  return 0;
}

static int lossy_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t offset, struct fuse_file_info *fi, enum fuse_readdir_flags flags) {
  (void)offset;
  (void)fi;
  (void)flags;
  char p[PATH_MAX];
  real(p, path);
  DIR *d = opendir(p);
  if (!d) return -errno;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (fill(buf, e->d_name, NULL, 0, 0)) break;
  }
  closedir(d);
  return 0;
}

static int lossy_mkdir(const char *path, mode_t mode) {
  char p[PATH_MAX];
  real(p, path);
  return mkdir(p, mode) < 0 ? -errno : 0;
}

static int lossy_rmdir(const char *path) {
  char p[PATH_MAX];
  real(p, path);
  return rmdir(p) < 0 ? -errno : 0;
}

static int lossy_unlink(const char *path) {
  char p[PATH_MAX];
  real(p, path);
  if (unlink(p) < 0) return -errno;
  drop(path);
  return 0;
}

static int lossy_rename(const char *from, const char *to, unsigned int flags) {
  if (flags) return -EINVAL;
  char a[PATH_MAX], b[PATH_MAX];
  real(a, from);
  real(b, to);
  if (rename(a, b) < 0) return -errno;
  drop(to);
  struct image *i = find(from);
  if (i) snprintf(i->path, PATH_MAX, "%s", to);
  // A folder renamed: the images of the files in it move with it.
  size_t n = strlen(from);
  for (struct image *j = images; j; j = j->next) {
    if (strncmp(j->path, from, n) == 0 && j->path[n] == '/') {
      char moved[PATH_MAX];
      snprintf(moved, PATH_MAX, "%s%s", to, j->path + n);
      snprintf(j->path, PATH_MAX, "%s", moved);
    }
  }
  return 0;
}

static int lossy_create(const char *path, mode_t mode, struct fuse_file_info *fi) {
  char p[PATH_MAX];
  real(p, path);
  int fd = open(p, O_CREAT | O_WRONLY, mode);
  if (fd < 0) return -errno;
  close(fd);
  int err = 0;
  struct image *i = load(path, &err);
  if (!i) return err;
  if (fi->flags & O_TRUNC) {
    i->size = 0;
    i->dirty = 1;
  }
  return 0;
}

static int lossy_open(const char *path, struct fuse_file_info *fi) {
  int err = 0;
  struct image *i = load(path, &err);
  if (!i) return err;
  if (fi->flags & O_TRUNC) {
    i->size = 0;
    i->dirty = 1;
  }
  return 0;
}

static int lossy_read(const char *path, char *buf, size_t size, off_t off, struct fuse_file_info *fi) {
  (void)fi;
  int err = 0;
  struct image *i = load(path, &err);
  if (!i) return err;
  if ((size_t)off >= i->size) return 0;
  size_t n = i->size - (size_t)off < size ? i->size - (size_t)off : size;
  memcpy(buf, i->data + off, n);
  return (int)n;
}

static int lossy_write(const char *path, const char *buf, size_t size, off_t off, struct fuse_file_info *fi) {
  int err = 0;
  struct image *i = load(path, &err);
  if (!i) return err;
  if (fi->flags & O_APPEND) off = (off_t)i->size;
  if (reserve(i, (size_t)off + size) < 0) return -ENOMEM;
  if ((size_t)off > i->size) memset(i->data + i->size, 0, (size_t)off - i->size);
  memcpy(i->data + off, buf, size);
  if ((size_t)off + size > i->size) i->size = (size_t)off + size;
  i->dirty = 1;
  return (int)size;
}

static int lossy_truncate(const char *path, off_t size, struct fuse_file_info *fi) {
  (void)fi;
  int err = 0;
  struct image *i = load(path, &err);
  if (!i) return err;
  if (reserve(i, (size_t)size + 1) < 0) return -ENOMEM;
  if ((size_t)size > i->size) memset(i->data + i->size, 0, (size_t)size - i->size);
  i->size = (size_t)size;
  i->dirty = 1;
  return 0;
}

// fsync: the only way data reaches the backing file.
static int lossy_fsync(const char *path, int datasync, struct fuse_file_info *fi) {
  (void)datasync;
  (void)fi;
  struct image *i = find(path);
  if (!i || !i->dirty) return 0;
  char p[PATH_MAX];
  real(p, path);
  int fd = open(p, O_WRONLY);
  if (fd < 0) return -errno;
  size_t done = 0;
  while (done < i->size) {
    ssize_t n = pwrite(fd, i->data + done, i->size - done, (off_t)done);
    if (n < 0) {
      int e = -errno;
      close(fd);
      return e;
    }
    done += (size_t)n;
  }
  if (ftruncate(fd, (off_t)i->size) < 0 || fsync(fd) < 0) {
    int e = -errno;
    close(fd);
    return e;
  }
  close(fd);
  i->dirty = 0;
  return 0;
}

// Closing a file does not make it durable: only fsync does.
static int lossy_flush(const char *path, struct fuse_file_info *fi) {
  (void)path;
  (void)fi;
  return 0;
}

static int lossy_release(const char *path, struct fuse_file_info *fi) {
  (void)path;
  (void)fi;
  return 0;
}

static int lossy_fsyncdir(const char *path, int datasync, struct fuse_file_info *fi) {
  (void)path;
  (void)datasync;
  (void)fi;
  return 0;
}

static int lossy_chmod(const char *path, mode_t mode, struct fuse_file_info *fi) {
  (void)fi;
  char p[PATH_MAX];
  real(p, path);
  return chmod(p, mode) < 0 ? -errno : 0;
}

static int lossy_chown(const char *path, uid_t uid, gid_t gid, struct fuse_file_info *fi) {
  (void)fi;
  char p[PATH_MAX];
  real(p, path);
  return lchown(p, uid, gid) < 0 ? -errno : 0;
}

static int lossy_utimens(const char *path, const struct timespec tv[2], struct fuse_file_info *fi) {
  (void)fi;
  char p[PATH_MAX];
  real(p, path);
  return utimensat(AT_FDCWD, p, tv, AT_SYMLINK_NOFOLLOW) < 0 ? -errno : 0;
}

static int lossy_statfs(const char *path, struct statvfs *st) {
  (void)path;
  return statvfs(backing, st) < 0 ? -errno : 0;
}

static int lossy_access(const char *path, int mask) {
  char p[PATH_MAX];
  real(p, path);
  return access(p, mask) < 0 ? -errno : 0;
}

static void *lossy_init(struct fuse_conn_info *conn, struct fuse_config *cfg) {
  (void)conn;
  // No caching in the kernel: every read and write comes here, so what a process sees is the image.
  cfg->kernel_cache = 0;
  cfg->attr_timeout = 0;
  cfg->entry_timeout = 0;
  cfg->negative_timeout = 0;
  cfg->use_ino = 0;
  return NULL;
}

static const struct fuse_operations ops = {
    .init = lossy_init,
    .getattr = lossy_getattr,
    .readdir = lossy_readdir,
    .mkdir = lossy_mkdir,
    .rmdir = lossy_rmdir,
    .unlink = lossy_unlink,
    .rename = lossy_rename,
    .create = lossy_create,
    .open = lossy_open,
    .read = lossy_read,
    .write = lossy_write,
    .truncate = lossy_truncate,
    .fsync = lossy_fsync,
    .flush = lossy_flush,
    .release = lossy_release,
    .fsyncdir = lossy_fsyncdir,
    .chmod = lossy_chmod,
    .chown = lossy_chown,
    .utimens = lossy_utimens,
    .statfs = lossy_statfs,
    .access = lossy_access,
};

int main(int argc, char *argv[]) {
  if (argc != 3) {
    fprintf(stderr, "usage: lossyfs BACKING MOUNTPOINT\n");
    return 2;
  }
  if (!realpath(argv[1], backing)) {
    perror(argv[1]);
    return 2;
  }
  char *fuse_argv[] = {argv[0], "-f", "-s", "-o", "fsname=lossyfs", argv[2], NULL};
  return fuse_main(6, fuse_argv, &ops, NULL);
}
