package io.dagline.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dagline.gateway.api.ErrorResponse;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;

/**
 * Answers a request whose line (method and URI) or headers are over the HTTP decoder's limits with 414 or
 * 431 in the gateway's error shape. Netty's decoder refuses such a request before routing, and Micronaut
 * would answer it as a synthetic {@code GET /bad-request} with 413, which names neither the problem nor
 * the part at fault. A handler right after the codec sees the refused request first.
 */
@Singleton
public class TooLongRequests implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event.getBean().register(new Customizer(null));
    return event.getBean();
  }

  private record Customizer(Channel channel) implements NettyServerCustomizer {

    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
      return new Customizer(channel);
    }

    @Override
    public void onStreamPipelineBuilt() {
      if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
          && channel.pipeline().get(Refuser.NAME) == null) {
        channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, Refuser.NAME, new Refuser());
      }
    }
  }

  /** Turns a request the decoder refused as too long into its answer; lets everything else through. */
  static final class Refuser extends ChannelInboundHandlerAdapter {

    static final String NAME = "dagline-too-long-requests";

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
          ReferenceCountUtil.release(msg);
          answer(ctx, HttpResponseStatus.REQUEST_URI_TOO_LONG, "URI_TOO_LONG",
              "the request line (method and URI) is too long: " + cause.getMessage());
          return;
        }
        if (cause instanceof TooLongHttpHeaderException) {
          ReferenceCountUtil.release(msg);
          answer(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "HEADERS_TOO_LARGE",
              "the request's headers are too large: " + cause.getMessage());
          return;
        }
      }
      ctx.fireChannelRead(msg);
    }

    private static void answer(ChannelHandlerContext ctx, HttpResponseStatus status, String code, String message) {
      byte[] body;
      try {
        body = JSON.writeValueAsBytes(new ErrorBody(code, message));
      } catch (JsonProcessingException e) {
        body = ("{\"error\":\"" + code + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** {@link ErrorResponse}'s shape, written with plain Jackson: this runs on the event loop, before Micronaut. */
  private record ErrorBody(String error, String message) {}
}
