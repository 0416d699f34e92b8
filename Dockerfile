# Builds the NativeAOT agent with the official .NET SDK image and ships it in a small image.
#   docker build --output type=local,dest=out --target artifact .    # just the binary
#   docker build -t bootroute . && docker run --rm --network host --cap-add NET_ADMIN bootroute plan
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/BootRoute -c Release -r linux-x64 -o /out

FROM scratch AS artifact
COPY --from=build /out/bootroute /bootroute

FROM debian:bookworm-slim
COPY --from=build /out/bootroute /usr/local/bin/bootroute
ENTRYPOINT ["/usr/local/bin/bootroute"]
