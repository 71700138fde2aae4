package pipeline

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// signalContextForTest is the commands' signal handling, for a child
// process: SIGINT or SIGTERM ends the context.
func signalContextForTest() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
