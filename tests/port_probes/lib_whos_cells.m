c = {1, 'abc', {int8(1)}};
st.a = 1; st.b = 'xy';
sa(2).q = 1;
z = {};
whos
