package io.dagline.gateway;

import io.dagline.gateway.api.ClusterResponses;
import io.dagline.gateway.api.ExecutorResponse;
import io.dagline.gateway.auth.AuthSettings;
import io.dagline.gateway.cluster.ExecutorViews;
import io.dagline.schemas.ExecutorHeartbeat;
import io.dagline.schemas.JobStates;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the deployment offers: pools (configuration), sites and executors (heartbeats). */
@Controller("/v1")
@Tag(name = "cluster")
@SecurityRequirement(name = "bearer")
public class ClusterController {

  private final GatewaySettings settings;
  private final AuthSettings auth;
  private final ExecutorViews executors;
  private final StatusViews views;
  private final Clock clock;

  public ClusterController(GatewaySettings settings, AuthSettings auth, ExecutorViews executors, StatusViews views) {
    this.settings = settings;
    this.auth = auth;
    this.executors = executors;
    this.views = views;
    this.clock = Clock.systemUTC();
  }

  @Get("/executors")
  @Operation(summary = "Executors", description = "Every executor heard from recently (heartbeats since shortly "
      + "before the gateway started), with its latest heartbeat. alive is false once no heartbeat came for "
      + "dagline.gateway.executor-stale-after.")
  public ClusterResponses.ExecutorList executors() {
    return new ClusterResponses.ExecutorList(executors.executors().stream()
        .map(heartbeat -> ExecutorResponse.from(heartbeat, alive(heartbeat))).toList());
  }

  @Get("/sites")
  @Operation(summary = "Sites", description = "The sites of the live executors, with their slots.")
  public ClusterResponses.SiteList sites() {
    Map<String, int[]> bySite = new TreeMap<>();
    for (ExecutorHeartbeat heartbeat : executors.executors()) {
      if (alive(heartbeat)) {
        int[] totals = bySite.computeIfAbsent(heartbeat.getSite(), site -> new int[3]);
        totals[0]++;
        totals[1] += heartbeat.getSlots();
        totals[2] += Math.max(0, heartbeat.getSlots() - heartbeat.getBusy());
      }
    }
    List<ClusterResponses.Site> sites = new ArrayList<>();
    bySite.forEach((site, totals) -> sites.add(new ClusterResponses.Site(site, totals[0], totals[1], totals[2])));
    return new ClusterResponses.SiteList(sites);
  }

  @Get("/pools")
  @Operation(summary = "Pools", description = "The pools jobs may name (dagline.gateway.pools), each with the "
      + "tenant it is reserved to (null: shared) and how many of its jobs are not finished.")
  public ClusterResponses.PoolList pools() {
    Map<String, Integer> active = new HashMap<>();
    for (var status : views.allJobs()) {
      if (status.getPool() != null && !JobStates.isFinal(status.getState())) {
        active.merge(status.getPool(), 1, Integer::sum);
      }
    }
    return new ClusterResponses.PoolList(settings.pools().stream().sorted()
        .map(pool -> new ClusterResponses.Pool(pool, auth.poolOwners().ownerOf(pool).orElse(null),
            active.getOrDefault(pool, 0)))
        .toList());
  }

  private boolean alive(ExecutorHeartbeat heartbeat) {
    return ExecutorViews.isAlive(heartbeat, settings.executorStaleAfter(), clock.millis());
  }
}
