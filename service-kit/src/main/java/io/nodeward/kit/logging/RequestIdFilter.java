package io.nodeward.kit.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.nodeward.kit.http.RequestIds;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the request id of the request being handled into the MDC ({@code requestId}) for every log line, decides
 * nothing. Vert.x runs each HTTP request on a context of its own, which its callbacks keep (a database reply, a
 * Kafka acknowledgement, a web-client answer); {@link RequestIds} leaves the id there, and this filter, which
 * logback consults on the logging thread before each event, copies it to the thread's MDC, or removes it when the
 * thread is not handling a request. So no handler has to set and clear the MDC around every asynchronous step.
 */
public final class RequestIdFilter extends TurboFilter {

  public static final String MDC_KEY = RequestIds.MDC_KEY;

  /** The id this filter last put on this thread, so that it removes only its own (not one code put itself). */
  private final ThreadLocal<String> putHere = new ThreadLocal<>();

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    String id = RequestIds.current();
    String mine = putHere.get();
    if (id == null) {
      if (mine != null) {
        if (mine.equals(MDC.get(MDC_KEY))) {
          MDC.remove(MDC_KEY);
        }
        putHere.remove();
      }
    } else if (!id.equals(mine) || !id.equals(MDC.get(MDC_KEY))) {
      MDC.put(MDC_KEY, id);
      putHere.set(id);
    }
    return FilterReply.NEUTRAL;
  }
}
