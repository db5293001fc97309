// The system-call floor of a call bridge on this machine (issue 2): what forwarding the gateway benchmark's traffic
// costs with no WebSocket framing, no JSON and no runtime at all, only the reads, writes and epoll waits that any
// bridge keeping one caller socket and one agent socket per call must make.
//
//   relay_floor relay <listen port> <agent port> [tick µs]   the bridge: per accepted caller connection it opens one
//                                                            connection to the agent port; caller bytes go to the
//                                                            agent, agent bytes go back to the caller followed by a
//                                                            105-byte mark, both in one writev (as the gateway does).
//                                                            With a tick, it waits for events at most once per tick.
//   relay_floor peers <relay port> <agent port> <calls> <seconds>
//                                                            the load: <calls> callers each sending a 309-byte frame
//                                                            every 20 ms and answering every 414 bytes received
//                                                            (frame + mark) with a 105-byte mark echo; and the agent,
//                                                            which echoes every byte it gets. Prints frames sent and
//                                                            back when done (those in flight at the end are not back).
// Message sizes are the gateway benchmark's: caller media 309 B, append 271 B (here the caller's 309 go through
// unchanged), delta back, media + mark out, mark echo in.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define MAX_FDS 65536
#define FRAME 309
#define MARK 105

static int peer_of[MAX_FDS];      // relay: the other socket of a call
static int is_caller[MAX_FDS];    // relay: 1 for the caller side
static char mark[MARK];

static void die(const char *what) { perror(what); exit(1); }

static long long now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int listen_on(int port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) die("bind");
    if (listen(fd, 1024) < 0) die("listen");
    return fd;
}

static int connect_to(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) die("connect");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static void watch(int ep, int fd) {
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl");
}

static int relay(int listen_port, int agent_port, long tick_us) {
    memset(mark, 'm', sizeof mark);
    int lfd = listen_on(listen_port);
    int ep = epoll_create1(0);
    watch(ep, lfd);
    struct epoll_event evs[512];
    char buf[65536];
    long long next_tick = now_us();
    for (;;) {
        if (tick_us > 0) {
            // Sleep out the rest of the tick so one wait collects every socket that became ready meanwhile.
            long long wait = next_tick - now_us();
            if (wait > 0) {
                struct timespec ts = {.tv_sec = wait / 1000000, .tv_nsec = (wait % 1000000) * 1000};
                nanosleep(&ts, NULL);
            }
            next_tick = now_us() + tick_us;
        }
        int n = epoll_wait(ep, evs, 512, -1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) die("epoll_wait");
        for (int i = 0; i < n; i++) {
            int fd = evs[i].data.fd;
            if (fd == lfd) {
                int c;
                while ((c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    int one = 1;
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    int a = connect_to(agent_port);
                    peer_of[c] = a; peer_of[a] = c;
                    is_caller[c] = 1; is_caller[a] = 0;
                    watch(ep, c);
                    watch(ep, a);
                }
                continue;
            }
            ssize_t r = read(fd, buf, sizeof buf);
            if (r <= 0) {
                if (r < 0 && errno == EAGAIN) continue;
                close(peer_of[fd]);
                close(fd);
                continue;
            }
            if (is_caller[fd]) {
                // Caller frames ('f' bytes) go to the agent; mark echoes ('e' bytes) stop here, as in the gateway.
                ssize_t keep = 0;
                for (ssize_t j = 0; j < r; j++)
                    if (buf[j] != 'e') buf[keep++] = buf[j];
                if (keep > 0 && write(peer_of[fd], buf, keep) < 0 && errno != EAGAIN) die("write agent");
            } else {
                struct iovec iov[2] = {{buf, r}, {mark, MARK}};
                if (writev(peer_of[fd], iov, 2) < 0 && errno != EAGAIN) die("writev caller");
            }
        }
    }
    return 0;
}

static int peers(int relay_port, int agent_port, int calls, int seconds) {
    memset(mark, 'e', sizeof mark);
    int afd = listen_on(agent_port);
    int ep = epoll_create1(0);
    watch(ep, afd);
    int *callers = calloc(calls, sizeof(int));
    long *received = calloc(MAX_FDS, sizeof(long));
    for (int i = 0; i < calls; i++) {
        callers[i] = connect_to(relay_port);
        watch(ep, callers[i]);
        is_caller[callers[i]] = 1;
    }
    char frame[FRAME], buf[65536];
    memset(frame, 'f', sizeof frame);
    struct epoll_event evs[512];
    long long start = now_us(), end = start + seconds * 1000000LL;
    long long sent = 0, echoed = 0;
    int next_caller = 0;
    while (now_us() < end) {
        // Each caller sends once every 20 ms, spread evenly across the period.
        long long elapsed = now_us() - start;
        long long due = elapsed * calls / 20000;
        while (sent < due) {
            if (write(callers[next_caller], frame, FRAME) < 0) die("write frame");
            next_caller = (next_caller + 1) % calls;
            sent++;
        }
        int n = epoll_wait(ep, evs, 512, 1);
        for (int i = 0; i < n; i++) {
            int fd = evs[i].data.fd;
            if (fd == afd) {
                int c;
                while ((c = accept4(afd, NULL, NULL, 0)) >= 0) {
                    int one = 1;
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    watch(ep, c);
                }
                if (errno != EAGAIN) die("accept");
                continue;
            }
            ssize_t r = read(fd, buf, sizeof buf);
            if (r <= 0) continue;
            if (is_caller[fd]) {
                received[fd] += r;
                while (received[fd] >= FRAME + MARK) {
                    received[fd] -= FRAME + MARK;
                    echoed++;
                    if (write(fd, mark, MARK) < 0) die("write echo");
                }
            } else if (write(fd, buf, r) < 0) {
                die("write delta");
            }
        }
    }
    printf("frames sent %lld, came back %lld\n", sent, echoed);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 4 && strcmp(argv[1], "relay") == 0)
        return relay(atoi(argv[2]), atoi(argv[3]), argc > 4 ? atol(argv[4]) : 0);
    if (argc == 6 && strcmp(argv[1], "peers") == 0)
        return peers(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), atoi(argv[5]));
    fprintf(stderr, "usage: relay_floor relay <listen port> <agent port> [tick µs]\n"
                    "       relay_floor peers <relay port> <agent port> <calls> <seconds>\n");
    return 2;
}
