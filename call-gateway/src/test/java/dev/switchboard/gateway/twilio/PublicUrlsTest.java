package dev.switchboard.gateway.twilio;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class PublicUrlsTest {

    @Test
    void anHttpBaseGivesAWsStreamUrlOnTheSameHostAndPort() {
        assertThat(new PublicUrls(URI.create("http://127.0.0.1:8081")).mediaStream())
                .isEqualTo("ws://127.0.0.1:8081/call");
    }

    @Test
    void anHttpsBaseGivesAWssStreamUrl() {
        assertThat(new PublicUrls(URI.create("https://voice.example.com/")).mediaStream())
                .isEqualTo("wss://voice.example.com/call");
    }

    @Test
    void webhookUrlsKeepTheRawQuery() {
        PublicUrls urls = new PublicUrls(URI.create("https://voice.example.com"));
        assertThat(urls.http("/twiml", "a=1%202")).isEqualTo("https://voice.example.com/twiml?a=1%202");
        assertThat(urls.http("/twiml", null)).isEqualTo("https://voice.example.com/twiml");
    }
}
