package io.github.tokenfamilies.mobile;

import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The request's headers as Keycloak's token endpoint expects them for form parameters: Content-Type is
 * {@code application/x-www-form-urlencoded} (client authenticators look at it), everything else unchanged.
 */
final class FormHeaders implements HttpHeaders {

    private final HttpHeaders delegate;
    private final MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();

    FormHeaders(HttpHeaders delegate) {
        this.delegate = delegate;
        delegate.getRequestHeaders().forEach((k, v) -> {
            if (!k.equalsIgnoreCase(CONTENT_TYPE) && !k.equalsIgnoreCase(CONTENT_LENGTH)) {
                headers.put(k, v);
            }
        });
        headers.putSingle(CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED);
    }

    @Override
    public List<String> getRequestHeader(String name) {
        return name.equalsIgnoreCase(CONTENT_TYPE) ? List.of(MediaType.APPLICATION_FORM_URLENCODED) : delegate.getRequestHeader(name);
    }

    @Override
    public String getHeaderString(String name) {
        return name.equalsIgnoreCase(CONTENT_TYPE) ? MediaType.APPLICATION_FORM_URLENCODED : delegate.getHeaderString(name);
    }

    @Override
    public MultivaluedMap<String, String> getRequestHeaders() {
        return headers;
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
        return delegate.getAcceptableMediaTypes();
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
        return delegate.getAcceptableLanguages();
    }

    @Override
    public MediaType getMediaType() {
        return MediaType.APPLICATION_FORM_URLENCODED_TYPE;
    }

    @Override
    public Locale getLanguage() {
        return delegate.getLanguage();
    }

    @Override
    public Map<String, Cookie> getCookies() {
        return delegate.getCookies();
    }

    @Override
    public Date getDate() {
        return delegate.getDate();
    }

    @Override
    public int getLength() {
        return -1;
    }
}
