using BootRoute.Model;
using BootRoute.State;
using Moq;
using Xunit;

namespace BootRoute.Tests.State;

public class RecordedStateStoreTests
{
    [Fact]
    public void A_run_reads_state_json_once_however_many_parts_ask_and_again_after_it_wrote()
    {
        var file = new Mock<IStateStore>();
        file.Setup(store => store.Load()).Returns(AppliedState.Empty);
        var run = new RecordedStateStore(file.Object);

        Assert.Same(run.Load(), run.Load());
        file.Verify(store => store.Load(), Times.Once);

        run.Save(AppliedState.Empty);
        run.Load();
        run.Delete();
        run.Load();
        file.Verify(store => store.Load(), Times.Exactly(3));
        file.Verify(store => store.Save(AppliedState.Empty), Times.Once);
        file.Verify(store => store.Delete(), Times.Once);
    }

    [Fact]
    public void An_unreadable_file_is_not_remembered_each_part_hears_of_it()
    {
        var file = new Mock<IStateStore>();
        file.Setup(store => store.Load()).Throws(new StateException("/var/lib/bootroute/state.json: not JSON"));
        var run = new RecordedStateStore(file.Object);

        Assert.Throws<StateException>(run.Load);
        Assert.Throws<StateException>(run.Load);
        file.Verify(store => store.Load(), Times.Exactly(2));
    }
}
