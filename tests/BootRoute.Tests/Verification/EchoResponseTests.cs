using System.Net;
using System.Text;
using BootRoute.Verification;
using Xunit;

namespace BootRoute.Tests.Verification;

public class EchoResponseTests
{
    private static readonly Uri Url = new("http://192.0.2.10/");

    private static EchoResponse Parse(string response) => EchoResponse.Parse(Encoding.ASCII.GetBytes(response), Url);

    [Theory]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n203.0.113.10\n")]
    [InlineData("HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 12\r\n\r\n203.0.113.10")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"ip\": \"203.0.113.10\", \"country\": \"ZZ\"}")]
    [InlineData("HTTP/1.0 200 OK\n\n  203.0.113.10  \n")]
    public void The_address_the_service_saw_is_read_from_plain_text_or_json(string response) =>
        Assert.Equal(IPAddress.Parse("203.0.113.10"), Parse(response).Address);

    [Theory]
    [InlineData("", "http://192.0.2.10/ closed the connection without a response")]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n", "http://192.0.2.10/ sent no complete HTTP response")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n", "http://192.0.2.10/ did not answer in HTTP (\"SSH-2.0-OpenSSH_9.2\")")]
    [InlineData("HTTP/1.1 404 Not Found\r\n\r\nnope", "http://192.0.2.10/ answered \"HTTP/1.1 404 Not Found\"")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n<html>hello</html>", "http://192.0.2.10/ answered \"<html>hello</html>\", which is not an IPv4 address")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n2001:db8::1", "http://192.0.2.10/ answered \"2001:db8::1\", which is not an IPv4 address")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n{\"ip\": 7}", "http://192.0.2.10/ answered \"{\"ip\": 7}\", which is not an IPv4 address")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n{\"ip\": \"\\ud800\"}", "http://192.0.2.10/ answered \"{\"ip\": \"\\ud800\"}\", which is not an IPv4 address")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n{\"ip\": \"203.0.113.10\\udc00\"}", "http://192.0.2.10/ answered \"{\"ip\": \"203.0.113.10\\udc00\"}\", which is not an IPv4 address")]
    public void Anything_else_is_a_problem_naming_the_url(string response, string problem)
    {
        var parsed = Parse(response);

        Assert.Null(parsed.Address);
        Assert.Equal(problem, parsed.Problem);
    }
}
