package io.dagline.gateway.cluster;

/** What the gateway knows of a site's executors: whether one is alive, and when one was last heard from. */
public interface ExecutorPresence {

  /** Every site has a live executor (for views that do not track executors). */
  ExecutorPresence EVERYWHERE = new ExecutorPresence() {
    @Override
    public boolean hasLiveExecutor(String site) {
      return true;
    }

    @Override
    public long lastSeenAt(String site) {
      return Long.MAX_VALUE;
    }
  };

  boolean hasLiveExecutor(String site);

  /** When an executor of the site last sent a heartbeat (its last one, if it stopped), or 0 if none was seen. */
  long lastSeenAt(String site);
}
