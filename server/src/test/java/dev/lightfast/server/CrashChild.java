package dev.lightfast.server;

import java.nio.file.Path;

/** A server in its own process, for the crash test to kill: prints its port, then serves. */
public final class CrashChild {
  public static void main(String[] args) throws InterruptedException {
    var lightfast = Lightfast.start(new ServerConfig("127.0.0.1", 0, Path.of(args[0]), TestServer.ADMIN_TOKEN, null));
    System.out.println("PORT " + lightfast.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
