namespace Registers.Server.Writes;

/// <summary>
/// Names the media type of the body a write takes, the one <see cref="BodyMediaTypeCheck"/> lets through and the OpenAPI
/// document declares. A write without it takes no body.
/// </summary>
/// <param name="mediaType">The media type, in lower case, without parameters.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TakesBodyAttribute(string mediaType) : Attribute
{
    /// <summary>The media type the write takes.</summary>
    public string MediaType { get; } = mediaType;
}
