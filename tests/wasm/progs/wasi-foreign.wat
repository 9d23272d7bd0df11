;; A WASI command that also imports from another module: exec must refuse
;; it with ENOEXEC (the enoexec test of t.c).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
  (import "env" "foo" (func))
  (memory (export "memory") 1)
  (func (export "_start")))
