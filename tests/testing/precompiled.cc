// Empty: gantry_test_pch (tests/CMakeLists.txt) needs a source to build its precompiled
// header from, which every test binary then reuses.
