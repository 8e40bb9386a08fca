#pragma once
/// @file api.hpp
/// `REHAB_API`: what the shared library exports.
///
/// The library is compiled with hidden visibility (`-fvisibility=hidden
/// -fvisibility-inlines-hidden`), so `librehab.so` exports only what is marked
/// `REHAB_API`: the public API, never the private helpers of `src/` nor the
/// nlohmann-json code the library is built with. Mark every non-inline
/// declaration of the public headers that `src/` defines:
///
///     class REHAB_API progression_engine { ... };
///     struct REHAB_API error { ... };
///     REHAB_API load_result<protocol> load_protocol(std::string_view json, ...);
///     template <>
///     struct REHAB_API fmt::formatter<rehab::dose> : fmt::formatter<std::string_view> { ... };
///
/// A class marked `REHAB_API` exports its out-of-line members, its typeinfo
/// and its vtable; its inline members stay hidden in the library, and each
/// user compiles its own. Templates defined in the headers, inline and
/// `constexpr` functions need no mark; explicit specialisations that `src/`
/// defines (the `fmt::formatter`s above) do. `tests/abi/check_exports.cmake`
/// (the `abi.exports` test of the `shared` preset) checks what the shared
/// library exports.
///
/// The build defines `REHAB_SHARED` when it builds `librehab.so`, and the
/// installed package passes it on to users (CMake's `rehab::rehab` and
/// `pkg-config --cflags rehab`): then `REHAB_API` is
/// `__attribute__((visibility("default")))`, the same when building and when
/// using the library, as ELF needs no import/export distinction. The static
/// library defines nothing and `REHAB_API` is empty. Only GCC and Clang on ELF
/// platforms are supported for the shared library: Windows DLLs would need
/// `__declspec(dllexport)`/`dllimport` and are not built or tested.

#if defined(REHAB_SHARED)
#if defined(_WIN32) || defined(__CYGWIN__)
#error "rehab's shared library is built for ELF platforms only: use BUILD_SHARED_LIBS=OFF"
#elif defined(__GNUC__) // GCC and Clang
/// Exports the declaration it marks from the shared library.
#define REHAB_API __attribute__((visibility("default")))
#else
#error "rehab's shared library needs GCC or Clang (visibility attributes)"
#endif
#else
/// Exports the declaration it marks from the shared library (empty: the static library).
#define REHAB_API
#endif
