package dev.enroll.benchmark;

import java.time.Duration;

/**
 * How long the server took from the moment its process was spawned: until it logged the port it
 * listens on, and until {@code GET /health/ready} first answered 200 (the number that matters).
 */
record Startup(Duration toListening, Duration toReady) {
}
