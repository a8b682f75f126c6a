// Command etcd is etcd v3.6.5 built from the Go module proxy for amlnet's test control plane.
// It does what etcd's own main package does: hand the arguments to etcdmain.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
