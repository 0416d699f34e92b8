# BootRoute's NativeAOT binary, .deb and .rpm, built by build/build.sh — the same script tests/test.sh runs,
# so the image and CI cannot build differently.
#
#   docker build --target artifact --output type=local,dest=out .      # out/bootroute, out/bootroute_*.deb, out/bootroute-*.rpm
#   docker build -t bootroute .
#   docker run --rm --network host --cap-add NET_ADMIN --cap-add NET_RAW bootroute plan
#
# `plan` reads the host's routing state (--network host) and changes nothing. apply would need the
# host's lease files mounted too (-v /var/lib/dhcp:/var/lib/dhcp:ro …) and is meant for the host
# itself (the .deb or `bootroute install`), not a container.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# clang and zlib for the NativeAOT link, crossbuild-essential-arm64 for the arm64 one; dpkg-deb (in
# dpkg), help2man and rpmbuild (in rpm) for the packages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends clang zlib1g-dev crossbuild-essential-arm64 help2man rpm git \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The commit for --version: from .git when the context has it, else --build-arg BOOTROUTE_COMMIT=….
ARG BOOTROUTE_COMMIT=
RUN BOOTROUTE_COMMIT="$BOOTROUTE_COMMIT" build/build.sh /out

FROM scratch AS artifact
COPY --from=build /out/bootroute_*.deb /out/bootroute-*.rpm /out/bootroute /
COPY --from=build /out/arm64/bootroute /arm64/

FROM debian:bookworm-slim
COPY --from=build /out/bootroute /usr/sbin/bootroute
ENTRYPOINT ["/usr/sbin/bootroute"]
CMD ["plan"]
