using LiveStt.ModelGenerator;

namespace LiveStt.Appliance.Tests.ModelGenerator;

public sealed class TokenTextModelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("livestt-generator-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Every_text_token_but_the_space_decodes_to_the_given_text()
    {
        var file = RandomWhisperModel.Write(Path.Combine(_directory, "thanks.bin"), WhisperModelShape.Micro, seed: 7, tokenText: " Thank you for watching.");
        var model = GgmlModelFile.Read(file.FullName);

        model.Tokens.Length.ShouldBe(50256);
        model.Tokens[220].ShouldBe(" ");
        model.Tokens.Count(token => token == " Thank you for watching.").ShouldBe(50255);
        file.Length.ShouldBe(RandomWhisperModel.ExpectedSize(WhisperModelShape.Micro, " Thank you for watching."));

        // Only the vocabulary differs from the plain model: each of its tokens but the space became the 24-byte text.
        var plain = RandomWhisperModel.Write(Path.Combine(_directory, "plain.bin"), WhisperModelShape.Micro, seed: 7);
        var plainTokens = GgmlModelFile.Read(plain.FullName).Tokens;
        (file.Length - plain.Length).ShouldBe(plainTokens.Where((_, id) => id != 220).Sum(token => 24L - token.Length));
    }

    [Fact]
    public void The_weights_are_those_of_the_plain_model_with_the_same_seed()
    {
        var plain = GgmlModelFile.Read(RandomWhisperModel.Write(Path.Combine(_directory, "plain.bin"), WhisperModelShape.Micro, seed: 7).FullName);
        var phrase = GgmlModelFile.Read(RandomWhisperModel.Write(Path.Combine(_directory, "phrase.bin"), WhisperModelShape.Micro, seed: 7, tokenText: "[Music]").FullName);

        phrase.HyperParameters.ShouldBe(plain.HyperParameters);
        phrase.Tensors.Count.ShouldBe(plain.Tensors.Count);
        for (var i = 0; i < plain.Tensors.Count; i++)
        {
            phrase.Tensors[i].Name.ShouldBe(plain.Tensors[i].Name);
            phrase.Tensors[i].Data.AsSpan().SequenceEqual(plain.Tensors[i].Data).ShouldBeTrue($"tensor {plain.Tensors[i].Name}");
        }
    }

    [Fact]
    public void Token_text_is_written_as_utf8()
    {
        var file = RandomWhisperModel.Write(Path.Combine(_directory, "de.bin"), WhisperModelShape.Micro, tokenText: " Untertitel der Amara.org-Community ♪");

        // 36 ASCII characters and a three-byte music note.
        file.Length.ShouldBe(RandomWhisperModel.ExpectedSize(WhisperModelShape.Micro, " Untertitel der Amara.org-Community ♪"));
        RandomWhisperModel.ExpectedSize(WhisperModelShape.Micro, " Untertitel der Amara.org-Community ♪")
            .ShouldBe(RandomWhisperModel.ExpectedSize(WhisperModelShape.Micro, new string('x', 39)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_token_text_is_refused_and_nothing_is_written(string tokenText)
    {
        Should.Throw<ArgumentException>(() => RandomWhisperModel.Write(Path.Combine(_directory, "blank.bin"), WhisperModelShape.Micro, tokenText: tokenText))
            .ParamName.ShouldBe("tokenText");

        Directory.GetFiles(_directory).ShouldBeEmpty();
    }
}
