/* Diagnostic only (bench/spawn-profile.sh): an LD_PRELOAD shim that turns fsync and
 * fdatasync into no-ops, to measure what durability costs gantry per component. Never
 * use it for a real run: a crash could then lose the journal and recorded outputs. */
int fsync(int fd) {
  (void)fd;
  return 0;
}
int fdatasync(int fd) {
  (void)fd;
  return 0;
}
