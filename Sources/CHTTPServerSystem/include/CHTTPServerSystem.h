// Linux system calls that Swift's Glibc module does not export (epoll, eventfd, signalfd,
// accept4). Nothing else belongs here.
#ifndef CHTTPSERVERSYSTEM_H
#define CHTTPSERVERSYSTEM_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>

// accept4 needs _GNU_SOURCE, which cannot be defined for the shared Glibc module.
int chs_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);

#endif
