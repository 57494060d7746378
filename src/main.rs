fn main() {
    keyhole::ui::start();
}
