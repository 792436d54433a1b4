#include "cli.h"

int main(int argc, char** argv) {
    return jinmap::cli::run(argc, argv);
}
