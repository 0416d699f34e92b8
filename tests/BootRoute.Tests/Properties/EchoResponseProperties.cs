using System.Net;
using System.Text;
using BootRoute.Verification;
using CsCheck;
using Xunit;

namespace BootRoute.Tests.Properties;

/// <summary>An echo service's answer, which anyone on the path can forge.</summary>
public sealed class EchoResponseProperties
{
    private static readonly Uri Url = new("http://192.0.2.10/ip");

    private static readonly Gen<string> Bodies = Gen.Frequency(
        (2, LeaseModel.Unicast.Select(a => a.ToString())),
        (2, LeaseModel.Unicast.Select(a => $"{{\"ip\":\"{a}\"}}")),
        (1, Hostile.Fragment.Select(f => $"{{\"ip\":\"{f}\"}}")),
        (1, Hostile.Noise));

    private static readonly Gen<string> Responses = Hostile.Mutated(Gen.Select(
        Gen.OneOf("HTTP/1.1 200 OK", "HTTP/1.0 200 OK", "HTTP/1.1 302 Found", "HTTP/1.1 200", "200 OK", ""),
        Gen.OneOf("\r\n\r\n", "\n\n", "\r\nContent-Type: text/plain\r\n\r\n", "\r\n"),
        Bodies, (status, separator, body) => status + separator + body));

    [Fact]
    public void Any_bytes_give_an_address_or_a_problem_naming_the_url_and_never_throw() =>
        Gen.Frequency((4, Responses.Select(r => Encoding.Latin1.GetBytes(r))), (1, Gen.Byte.Array[0, 400])).Sample(bytes => Hostile.InBoundedTime(() =>
        {
            var answer = EchoResponse.Parse(bytes, Url);
            Assert.True(answer.Address is null != answer.Problem is null);
            Assert.True(answer.Problem is null || answer.Problem.StartsWith(Url.ToString(), StringComparison.Ordinal));
            Assert.True(answer.Address is null || answer.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        }), iter: 1_500);

    [Fact]
    public void An_honest_answer_gives_its_address() =>
        Gen.Select(LeaseModel.Unicast, Gen.Bool).Sample((address, json) =>
        {
            string body = json ? $"{{\"ip\": \"{address}\"}}\n" : $"{address}\n";
            var answer = EchoResponse.Parse(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n{body}"), Url);
            Assert.Equal(address, answer.Address);
        }, iter: 300);
}
