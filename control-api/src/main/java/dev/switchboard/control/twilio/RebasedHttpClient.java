package dev.switchboard.control.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

import java.net.URI;

/**
 * The SDK's own HTTP client, sending each request to {@code TWILIO_API_BASE_URL} instead of the
 * {@code https://api.twilio.com} host the SDK builds in. Path, query, form, headers and auth pass unchanged,
 * so everything above this class (Call.creator, parameter encoding, error parsing) is the real SDK path.
 */
class RebasedHttpClient extends NetworkHttpClient {

    private final URI base;

    RebasedHttpClient(URI base) {
        this.base = base;
    }

    @Override
    public Response makeRequest(Request request) {
        return super.makeRequest(rebase(request));
    }

    Request rebase(Request original) {
        URI target = URI.create(original.getUrl());
        String path = stripTrailingSlash(base.toString()) + target.getRawPath();
        Request copy = new Request(original.getMethod(), path);
        original.getQueryParams().forEach((name, values) -> values.forEach(v -> copy.addQueryParam(name, v)));
        original.getPostParams().forEach((name, values) -> values.forEach(v -> copy.addPostParam(name, v)));
        original.getHeaderParams().forEach((name, values) -> values.forEach(v -> copy.addHeaderParam(name, v)));
        if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        } else if (original.requiresAuthentication()) {
            copy.setAuth(original.getUsername(), original.getPassword());
        }
        copy.setContentType(original.getContentType());
        copy.setBody(original.getBody());
        copy.setFormParameters(original.getFormParameters());
        copy.setUserAgentExtensions(original.getUserAgentExtensions());
        return copy;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
