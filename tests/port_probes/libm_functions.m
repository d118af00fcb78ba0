x = linspace(0.05, 4.95, 50);
y = [exp(x); log(x); log2(x); log10(x); tanh(x); sinh(x); cosh(x); asinh(x); acosh(1 + x); atanh(x / 5)];
printf('%.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n', y);
z = [sin(3 * x); cos(3 * x); tan(x / 2); asin(x / 5); acos(x / 5); atan(x); expm1(x - 2); log1p(x); x .^ 4.5; 2 .^ x];
printf('%.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n', z);
w = [gamma(x); gammaln(x); atan2(x, 2.5); hypot(x, 1.7); x .^ 3; x .^ -1; x .^ 7];
printf('%.17g %.17g %.17g %.17g %.17g %.17g %.17g\n', w);
