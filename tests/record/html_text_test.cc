#include "core/record/html_text.h"

#include "gtest/gtest.h"

namespace gantry::record {
namespace {

TEST(HtmlTextTest, MarkupAndQuotesBecomeText) {
  EXPECT_EQ(HtmlEscaped(R"(<script>alert("x")&'y'</script>)"),
            "&lt;script&gt;alert(&quot;x&quot;)&amp;&#39;y&#39;&lt;/script&gt;");
  EXPECT_EQ(HtmlEscaped("network/vpc"), "network/vpc");
  EXPECT_EQ(HtmlEscaped("é ✓"), "é ✓") << "UTF-8 passes";
}

TEST(HtmlTextTest, TerminalControlsAreShownNotKept) {
  // Colours are dropped (terraform's and packer's logs are full of them); any other
  // escape sequence is shown, inert.
  EXPECT_EQ(HtmlEscaped("\x1b[31mred\x1b[0m\r\n\x07"), "red\n^G");
  EXPECT_EQ(HtmlEscaped("\x1b]52;c;Zm9v\x07\x1b[2J"), "^[]52;c;Zm9v^G^[[2J");
  EXPECT_EQ(HtmlEscaped(std::string("a\0b", 3)), "a^@b");
}

}  // namespace
}  // namespace gantry::record
