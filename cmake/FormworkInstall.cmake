# What `cmake --install` puts where (FreeDesktop and Debian conventions), and the Debian package
# made from the same build with `cpack -G DEB`. The executables install themselves (app/gui,
# app/cli); the translations are compiled into them (qt_add_translations embeds the .qm files in
# the :/i18n resource), so an installed build finds them wherever it is installed.
include(GNUInstallDirs)

set(FORMWORK_APP_ID io.github.formwork.Formwork)
set(formwork_resources ${PROJECT_SOURCE_DIR}/resources)

install(FILES ${formwork_resources}/${FORMWORK_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${formwork_resources}/${FORMWORK_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${formwork_resources}/formwork.mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
        RENAME formwork.xml)

# Icons: the SVG, and the PNGs rendered from it by scripts/icons (committed, so no tool is needed).
set(formwork_icons ${CMAKE_INSTALL_DATADIR}/icons/hicolor)
install(FILES ${formwork_resources}/icons/formwork.svg DESTINATION ${formwork_icons}/scalable/apps)
foreach(size 16 32 48 64 128)
    install(FILES ${formwork_resources}/icons/formwork-${size}.png DESTINATION ${formwork_icons}/${size}x${size}/apps
            RENAME formwork.png)
endforeach()
install(FILES ${formwork_resources}/icons/formwork.png DESTINATION ${formwork_icons}/256x256/apps)

# Man pages, gzipped as Debian wants them when gzip is there (man reads both).
find_program(FORMWORK_GZIP gzip)
foreach(page formwork.1 formwork-cli.1)
    set(source ${formwork_resources}/man/${page})
    if(FORMWORK_GZIP)
        set(compressed ${CMAKE_CURRENT_BINARY_DIR}/man/${page}.gz)
        add_custom_command(OUTPUT ${compressed}
            COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/man
            COMMAND ${FORMWORK_GZIP} -9 -n -c ${source} > ${compressed}
            DEPENDS ${source}
            COMMENT "Compressing the man page ${page}"
            VERBATIM)
        list(APPEND formwork_man_pages ${compressed})
    else()
        list(APPEND formwork_man_pages ${source})
    endif()
endforeach()
add_custom_target(formwork_man_pages ALL DEPENDS ${formwork_man_pages})
install(FILES ${formwork_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# bash-completion loads completions/<command> from its data directories on first use.
install(FILES ${formwork_resources}/completions/formwork-cli.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME formwork-cli)

# Debian wants the licence under the package's name (CMAKE_INSTALL_DOCDIR would be doc/Formwork).
install(FILES ${formwork_resources}/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/formwork)

# --- Debian package: cpack -G DEB in the build directory ---------------------------------------
set(FORMWORK_PACKAGE_MAINTAINER "The Formwork developers <formwork@users.noreply.github.com>"
    CACHE STRING "The Maintainer field of the Debian package")
set(CPACK_PACKAGE_NAME formwork)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The Formwork developers")
set(CPACK_PACKAGE_CONTACT "${FORMWORK_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "Formwork is a Qt workbench for getting validated, structured JSON out of local language
models (Ollama, or any OpenAI-compatible server). Write a JSON Schema and a prompt, pick a
model: every reply is validated, the errors are sent back to the model until one passes, and
every attempt stays visible with its failing values underlined.

formwork-cli runs the same core without a window: validate JSON files against a schema (2020-12,
draft-07), extract validated JSON from a model, list a server's models.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # formwork_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The libraries the binaries link come from dpkg-shlibdeps (needs dpkg-dev and file); the Qt
# plugins are loaded at run time, so shlibdeps cannot see them: the SQLite driver for the run history
# (design.md section 2; libqt6sql6 itself comes from shlibdeps once it is linked), the platform plugins.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")
# Qt's own strings (standard buttons, file dialogs) in German.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
# A native Wayland window instead of one through XWayland.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qt6-wayland")
include(CPack)
